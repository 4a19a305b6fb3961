/**
 * Combines per-period datapoints into figures for the whole window. Sums, counts, minima and
 * maxima combine exactly; an average is Sum over SampleCount. Percentiles of separate periods
 * cannot be combined exactly: with more than one period the window's percentile is estimated
 * as the sample-weighted percentile of the per-period percentiles (exact when the window is one
 * period, which is always the case on AWS; see window.ts). Pure functions.
 */
export interface Datapoint {
  atMs: number;
  value: number;
}

export function sumOf(points: readonly Datapoint[]): number {
  return points.reduce((total, p) => total + p.value, 0);
}

export function maxOf(points: readonly Datapoint[]): number | null {
  return points.length === 0 ? null : Math.max(...points.map((p) => p.value));
}

/** Sum over SampleCount, both per period; null when there were no samples. */
export function averageOf(sums: readonly Datapoint[], counts: readonly Datapoint[]): number | null {
  const n = sumOf(counts);
  return n > 0 ? sumOf(sums) / n : null;
}

/**
 * The window's percentile from per-period percentiles and per-period sample counts (matched by
 * timestamp): the smallest per-period value at which the cumulative sample count reaches the
 * percent of all samples.
 */
export function percentileOf(percentiles: readonly Datapoint[], counts: readonly Datapoint[], percent: number): number | null {
  if (percentiles.length === 0) return null;
  if (percentiles.length === 1) return (percentiles[0] as Datapoint).value;
  const countAt = new Map(counts.map((c) => [c.atMs, c.value]));
  const weighted = percentiles.map((p) => ({ value: p.value, weight: countAt.get(p.atMs) ?? 0 })).sort((a, b) => a.value - b.value);
  const total = weighted.reduce((t, w) => t + w.weight, 0);
  if (total === 0) return null;
  const target = (percent / 100) * total;
  let cumulative = 0;
  for (const w of weighted) {
    cumulative += w.weight;
    if (cumulative >= target) return w.value;
  }
  return (weighted.at(-1) as { value: number }).value;
}
