/**
 * The CloudWatch window of a level: [startMs, endMs) widened to whole periods of the metrics'
 * publication granularity. When that granularity is a minute or more (AWS: 60 s, LMI 300 s)
 * the window is queried as ONE period spanning it, which is a valid CloudWatch period and is
 * left unchanged by CloudWatch's StartTime rounding, so percentiles and maxima are exactly
 * those of the window. Finer granularity (the local engine aggregates per second) is queried
 * period by period and combined (see combine.ts).
 */
import { UsageError } from '../errors.ts';
import { isValidPeriod } from './periods.ts';

export interface MetricsWindow {
  startMs: number;
  endMs: number;
  /** Period of each query: the whole window, or the publication granularity. */
  periodSec: number;
}

export function metricsWindow(window: { startMs: number; endMs: number }, publishPeriodSec: number): MetricsWindow {
  if (!Number.isFinite(window.startMs) || !Number.isFinite(window.endMs) || window.endMs <= window.startMs) {
    throw new UsageError(`metrics window is empty or invalid: ${window.startMs}..${window.endMs}`);
  }
  if (!isValidPeriod(publishPeriodSec)) throw new UsageError(`metrics period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got ${publishPeriodSec}`);
  const g = publishPeriodSec * 1000;
  const startMs = Math.floor(window.startMs / g) * g;
  const endMs = Math.ceil(window.endMs / g) * g;
  return { startMs, endMs, periodSec: publishPeriodSec % 60 === 0 ? (endMs - startMs) / 1000 : publishPeriodSec };
}
