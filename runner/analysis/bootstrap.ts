/**
 * Two-stage bootstrap of one measured level: trials are resampled with replacement (the noise
 * between trials: another process on the machine, a GC, a slow scale-out), then requests
 * within the chosen trials (the noise between requests). Pure: the randomness comes from a
 * seeded Rng.
 *
 * Within-trial resampling is done in closed form rather than by drawing N requests: the k-th
 * smallest of N draws from an empirical distribution is that distribution's inverse at the
 * k-th smallest of N uniforms, which is Beta(k, N + 1 - k). So a resampled percentile costs
 * one Beta draw and one binary search, whatever N is. Means and proportions use their normal
 * approximations (N is hundreds or more in any level worth comparing). Throttle and error
 * rates are resampled within every trial (binomial), without the trial stage.
 */
import type { LevelSample, TrialSample } from './level-sample.ts';
import type { Rng } from './rng.ts';
import { sum } from '../system/sum.ts';

export const latencyQuantiles = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type LatencyMetric = keyof typeof latencyQuantiles;

export interface Replicate {
  /** null when the resampled trials hold no successful request. */
  latencyMs: Record<LatencyMetric, number> | null;
  meanMs: number | null;
  throughputRps: number;
  throttleRate: number;
  errorRate: number;
}

export function bootstrapLevel(sample: LevelSample, iterations: number, rng: Rng): Replicate[] {
  const replicates: Replicate[] = [];
  const trialCount = sample.trials.length;
  const size = sample.gridMs.length;
  const counts = new Float64Array(size);
  for (let i = 0; i < iterations; i += 1) {
    counts.fill(0);
    const chosen: TrialSample[] = [];
    for (let t = 0; t < trialCount; t += 1) {
      const trial = sample.trials[Math.floor(rng.next() * trialCount)];
      if (trial) chosen.push(trial);
    }
    for (const trial of chosen) for (let j = 0; j < size; j += 1) counts[j] = (counts[j] ?? 0) + (trial.counts[j] ?? 0);
    replicates.push({
      latencyMs: resampledQuantiles(sample.gridMs, counts, rng),
      meanMs: resampledMean(chosen, rng),
      throughputRps: mean(chosen.map((trial) => resampledThroughput(trial, rng))),
      // Every trial, not the resampled ones: a throttle or error in any trial is an outcome of
      // capacity, not timing noise, and a trial that happened to have none must not hide it.
      throttleRate: resampledRate(sample.trials, (trial) => trial.throttled, rng),
      errorRate: resampledRate(sample.trials, (trial) => trial.errors, rng),
    });
  }
  return replicates;
}

function resampledQuantiles(gridMs: Float64Array, counts: Float64Array, rng: Rng): Record<LatencyMetric, number> | null {
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  for (let j = 0; j < counts.length; j += 1) {
    total += counts[j] ?? 0;
    cumulative[j] = total;
  }
  if (total === 0) return null;
  const at = (quantile: number): number => {
    const rank = Math.min(total, Math.max(1, Math.ceil(quantile * total)));
    const u = rng.beta(rank, total + 1 - rank);
    return gridMs[firstAtLeast(cumulative, Math.min(total, Math.max(1, Math.ceil(u * total))))] ?? 0;
  };
  return { p50: at(latencyQuantiles.p50), p95: at(latencyQuantiles.p95), p99: at(latencyQuantiles.p99) };
}

function firstAtLeast(cumulative: Float64Array, position: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((cumulative[middle] ?? 0) >= position) high = middle;
    else low = middle + 1;
  }
  return low;
}

function resampledMean(chosen: TrialSample[], rng: Rng): number | null {
  let n = 0;
  let weighted = 0;
  for (const trial of chosen) {
    if (trial.ok === 0) continue;
    weighted += trialMean(trial, rng) * trial.ok;
    n += trial.ok;
  }
  return n > 0 ? weighted / n : null;
}

function trialMean(trial: TrialSample, rng: Rng): number {
  return Math.max(0, trial.meanMs + (trial.stddevMs / Math.sqrt(trial.ok)) * rng.normal());
}

/**
 * A closed loop's throughput is concurrency over mean latency (Little's law), so a trial's
 * throughput varies with its resampled mean latency; with one trial per side this is the only
 * noise estimate there is.
 */
function resampledThroughput(trial: TrialSample, rng: Rng): number {
  if (trial.ok === 0 || trial.meanMs === 0) return trial.throughputRps;
  const resampledMeanMs = trialMean(trial, rng);
  return resampledMeanMs > 0 ? (trial.throughputRps * trial.meanMs) / resampledMeanMs : trial.throughputRps;
}

function resampledRate(chosen: TrialSample[], count: (trial: TrialSample) => number, rng: Rng): number {
  let events = 0;
  let total = 0;
  for (const trial of chosen) {
    const n = trial.ok + trial.throttled + trial.errors;
    if (n === 0) continue;
    const p = count(trial) / n;
    const drawn = Math.min(1, Math.max(0, p + Math.sqrt((p * (1 - p)) / n) * rng.normal()));
    events += drawn * n;
    total += n;
  }
  return total > 0 ? events / total : 0;
}

function mean(values: number[]): number {
  return values.length > 0 ? sum(values) / values.length : 0;
}

/** The two-sided percentile interval of `values` at `confidence` (e.g. 0.95). */
export function percentileInterval(values: number[], confidence: number): { low: number; high: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1) + 0.5)))] ?? Number.NaN;
  return { low: pick(tail), high: pick(1 - tail) };
}
