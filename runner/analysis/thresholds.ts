/**
 * How large a significant change must be before the gate calls it a regression or an
 * improvement, per metric. Latency, throughput and cost are relative changes; throttle and
 * error rates are absolute changes in percentage points (a rate going from 0 has no ratio).
 *
 * The defaults are chosen for the noisiest place this runs: a 2-core CI runner or laptop on
 * the local engine, where other processes share the cores. There, between two identical runs,
 * medians of an I/O-bound handler move by a few percent, the tail (p99 is the 1-in-100 request,
 * i.e. a GC pause or a descheduled event loop) by up to 15-20 %, and throughput with the mean.
 * The thresholds sit above that spread, so an A/A pair passes, and well below the 25 % a real
 * handler slowdown shows. Cost per request follows throughput (LMI) or duration (Lambda), so
 * it gets the throughput threshold. A throttle rate of 1 point is a capacity change nobody
 * should ship silently, and on the local engine an identical run throttles exactly as much.
 */
import { UsageError } from '../errors.ts';

export const metricNames = ['p50', 'p95', 'p99', 'throughput', 'throttle-rate', 'error-rate', 'cost'] as const;
export type MetricName = (typeof metricNames)[number];

export type Thresholds = Record<MetricName, number>;

export const defaultThresholds: Thresholds = {
  p50: 0.1,
  p95: 0.15,
  p99: 0.2,
  throughput: 0.1,
  'throttle-rate': 0.01,
  'error-rate': 0.01,
  cost: 0.1,
};

/** Whether a metric's change is relative (ratio − 1) or absolute (difference of proportions). */
export function isAbsolute(metric: MetricName): boolean {
  return metric === 'throttle-rate' || metric === 'error-rate';
}

const aliases: Record<string, MetricName> = { throttles: 'throttle-rate', throttled: 'throttle-rate', errors: 'error-rate', rps: 'throughput' };

/** `p99=10%,cost=5%,throttles=0.5%`: overrides on top of the defaults. */
export function parseThresholds(text: string, label = '--threshold'): Thresholds {
  const thresholds = { ...defaultThresholds };
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^([a-z0-9-]+)\s*=\s*(\d+(?:\.\d+)?)\s*%$/i.exec(item);
    if (!match) throw new UsageError(`${label} expects NAME=PERCENT[,NAME=PERCENT…] like p99=10%,cost=5%, got '${item}'`);
    const rawName = (match[1] ?? '').toLowerCase();
    const name = (metricNames as readonly string[]).includes(rawName) ? (rawName as MetricName) : aliases[rawName];
    if (!name) throw new UsageError(`${label}: unknown metric '${match[1]}' (known: ${metricNames.join(', ')})`);
    const fraction = Number(match[2]) / 100;
    if (!Number.isFinite(fraction) || fraction <= 0 || fraction > 10) {
      throw new UsageError(`${label}: ${name} must be a percentage above 0% and at most 1000%, got '${match[2]}%'`);
    }
    thresholds[name] = fraction;
  }
  return thresholds;
}
