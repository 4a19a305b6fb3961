/**
 * The regression check: every level both runs measured, every metric, a bootstrap confidence
 * interval on the change, and a status. A row is `regressed` only when the change is
 * significant (the interval excludes no change) AND beyond its threshold in the worse
 * direction; `improved` the same in the better direction; anything else is `unchanged`.
 */
import { UsageError } from '../errors.ts';
import type { LevelResult, MeasuredLevel, RunFile } from '../run/run-file.ts';
import { bootstrapLevel, percentileInterval, type Replicate } from './bootstrap.ts';
import { levelSample } from './level-sample.ts';
import { pairLevels, type LevelPair } from './pair-levels.ts';
import { seededRng } from './rng.ts';
import { isAbsolute, type MetricName, type Thresholds } from './thresholds.ts';

export type RowStatus = 'regressed' | 'improved' | 'unchanged';

export interface CheckOptions {
  thresholds: Thresholds;
  /** Two-sided confidence of the intervals, e.g. 0.95. */
  confidence: number;
  iterations: number;
  seed: number;
}

export interface CheckRow {
  mode: LevelResult['mode'];
  variantId: string;
  baselineVariantId: string;
  concurrency: number;
  /** `state` rows: a level the baseline measured and the candidate could not. */
  metric: MetricName | 'state';
  baseline: number | null;
  candidate: number | null;
  /** Relative (candidate / baseline − 1) or absolute (candidate − baseline), see `absolute`. */
  change: number | null;
  absolute: boolean;
  interval: { low: number; high: number } | null;
  significant: boolean;
  threshold: number | null;
  status: RowStatus;
  settingsChange?: string;
  note?: string;
}

export interface CheckResult {
  baseline: { runId: string; startedAt: string };
  candidate: { runId: string; startedAt: string };
  workload: { name: string; runtime: string };
  target: string;
  options: CheckOptions;
  rows: CheckRow[];
  unmatched: string[];
  counts: Record<RowStatus, number>;
}

/** Metrics where a larger value is worse. */
const higherIsWorse: Record<MetricName, boolean> = {
  p50: true,
  p95: true,
  p99: true,
  throughput: false,
  'throttle-rate': true,
  'error-rate': true,
  cost: true,
};

export function compareRuns(baseline: RunFile, candidate: RunFile, options: CheckOptions): CheckResult {
  if (baseline.workload.name !== candidate.workload.name || baseline.workload.runtime !== candidate.workload.runtime) {
    throw new UsageError(
      `baseline and candidate measure different workloads (${baseline.workload.name}/${baseline.workload.runtime} vs ${candidate.workload.name}/${candidate.workload.runtime}): nothing to compare`,
    );
  }
  if (baseline.target !== candidate.target) {
    throw new UsageError(`baseline ran on target ${baseline.target} and the candidate on ${candidate.target}: timings from different targets are not comparable`);
  }
  const { pairs, unmatched } = pairLevels(baseline.levels, candidate.levels);
  const comparable = pairs.filter((pair) => pair.baseline.state === 'measured');
  if (comparable.length === 0) {
    throw new UsageError(`baseline ${baseline.runId} and candidate ${candidate.runId} share no measured level (same mode, settings and concurrency): nothing to compare`);
  }
  const rows = comparable.flatMap((pair) => comparePair(pair, options));
  const counts: Record<RowStatus, number> = { regressed: 0, improved: 0, unchanged: 0 };
  for (const row of rows) counts[row.status] += 1;
  return {
    baseline: { runId: baseline.runId, startedAt: baseline.startedAt },
    candidate: { runId: candidate.runId, startedAt: candidate.startedAt },
    workload: { name: candidate.workload.name, runtime: candidate.workload.runtime },
    target: candidate.target,
    options,
    rows,
    unmatched,
    counts,
  };
}

function comparePair(pair: LevelPair, options: CheckOptions): CheckRow[] {
  const base = pair.baseline as MeasuredLevel;
  const cand = pair.candidate;
  const identity = {
    mode: cand.mode,
    variantId: cand.variantId,
    baselineVariantId: base.variantId,
    concurrency: cand.concurrency,
    ...(pair.settingsChange ? { settingsChange: pair.settingsChange } : {}),
  };
  if (cand.state !== 'measured') {
    return [
      {
        ...identity, metric: 'state', baseline: null, candidate: null, change: null, absolute: false, interval: null,
        significant: true, threshold: null, status: 'regressed', note: `candidate level ${cand.state}: ${cand.reason}`,
      },
    ];
  }
  // Seeded per level, so that adding a level to a run does not move another level's intervals.
  const seed = hashSeed(options.seed, `${cand.mode}|${cand.variantId}|${cand.concurrency}`);
  const rng = seededRng(seed);
  const baseReplicates = bootstrapLevel(levelSample(base), options.iterations, rng);
  const candReplicates = bootstrapLevel(levelSample(cand), options.iterations, rng);
  const rows: CheckRow[] = [];
  const add = (metric: MetricName, observedBase: number, observedCand: number, replicateChanges: number[], note?: string): void => {
    const absolute = isAbsolute(metric);
    const change = absolute ? observedCand - observedBase : observedBase === 0 ? (observedCand === 0 ? 0 : Number.POSITIVE_INFINITY) : observedCand / observedBase - 1;
    const interval = replicateChanges.length > 0 ? percentileInterval(replicateChanges, options.confidence) : null;
    const significant = interval !== null && (interval.low > 0 || interval.high < 0);
    const threshold = options.thresholds[metric];
    const worse = higherIsWorse[metric] ? change > threshold : change < -threshold;
    const better = higherIsWorse[metric] ? change < -threshold : change > threshold;
    const status: RowStatus = significant && worse ? 'regressed' : significant && better ? 'improved' : 'unchanged';
    rows.push({ ...identity, metric, baseline: observedBase, candidate: observedCand, change, absolute, interval, significant, threshold, status, ...(note ? { note } : {}) });
  };

  const bothLatency = base.requests.ok > 0 && cand.requests.ok > 0;
  if (bothLatency) {
    for (const metric of ['p50', 'p95', 'p99'] as const) {
      add(metric, base.latencyMs[metric], cand.latencyMs[metric], ratios(baseReplicates, candReplicates, (r) => r.latencyMs?.[metric] ?? null));
    }
  }
  add('throughput', base.throughputRps, cand.throughputRps, ratios(baseReplicates, candReplicates, (r) => r.throughputRps));
  add('throttle-rate', rate(base, 'throttled'), rate(cand, 'throttled'), differences(baseReplicates, candReplicates, (r) => r.throttleRate));
  add('error-rate', rate(base, 'errors'), rate(cand, 'errors'), differences(baseReplicates, candReplicates, (r) => r.errorRate));
  if (base.cost && cand.cost) {
    add('cost', base.cost.usdPerMillionRequests, cand.cost.usdPerMillionRequests, costChanges(base, cand, baseReplicates, candReplicates), costNote(cand.mode));
  }
  return rows;
}

function rate(level: MeasuredLevel, field: 'throttled' | 'errors'): number {
  const total = level.requests.ok + level.requests.throttled + level.requests.errors;
  return total > 0 ? level.requests[field] / total : 0;
}

function ratios(base: Replicate[], cand: Replicate[], pick: (r: Replicate) => number | null): number[] {
  const out: number[] = [];
  base.forEach((b, i) => {
    const x = pick(b);
    const c = cand[i];
    const y = c ? pick(c) : null;
    if (x !== null && y !== null && x > 0) out.push(y / x - 1);
  });
  return out;
}

function differences(base: Replicate[], cand: Replicate[], pick: (r: Replicate) => number): number[] {
  return base.flatMap((b, i) => {
    const c = cand[i];
    return c ? [pick(c) - pick(b)] : [];
  });
}

/**
 * Cost per request is a model output, not a sample: its noise is that of the measurement that
 * drives it. LMI cost per request goes with 1 / throughput (the instances are paid whatever
 * the rate); standard Lambda's with the billed duration, i.e. the mean latency. The observed
 * change is spread by the driver's bootstrap ratio around its own observed value.
 */
function costChanges(base: MeasuredLevel, cand: MeasuredLevel, baseReplicates: Replicate[], candReplicates: Replicate[]): number[] {
  const baseCost = base.cost?.usdPerMillionRequests ?? 0;
  const candCost = cand.cost?.usdPerMillionRequests ?? 0;
  if (baseCost <= 0) return [];
  const observed = candCost / baseCost;
  const driver = (r: Replicate): number | null => (cand.mode === 'lmi' ? (r.throughputRps > 0 ? 1 / r.throughputRps : null) : r.meanMs);
  const observedDriver = cand.mode === 'lmi' ? base.throughputRps / Math.max(cand.throughputRps, Number.MIN_VALUE) : cand.latencyMs.mean / Math.max(base.latencyMs.mean, Number.MIN_VALUE);
  if (!Number.isFinite(observedDriver) || observedDriver <= 0) return [];
  return ratios(baseReplicates, candReplicates, driver).map((change) => (observed * (1 + change)) / observedDriver - 1);
}

function costNote(mode: LevelResult['mode']): string {
  return mode === 'lmi' ? 'interval from throughput noise' : 'interval from duration noise';
}

function hashSeed(seed: number, key: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
