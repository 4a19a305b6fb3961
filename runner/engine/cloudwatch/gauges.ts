/**
 * Gauge-style metrics (concurrency, vCPUs) are sampled once per second, as a metric agent
 * would publish them; the period's statistics are then taken over those samples, so Maximum is
 * the true peak and Average the mean level while the function was active. Pure functions.
 */
export const sliceMs = 1000;

export interface Interval {
  startMs: number;
  endMs: number;
}

/**
 * For each one-second slice of [fromMs, toMs), the largest number of intervals running at the
 * same moment within the slice; slices where nothing ran give no sample (Lambda publishes no
 * concurrency data for idle time).
 */
export function peakOverlapPerSlice(intervals: readonly Interval[], fromMs: number, toMs: number): number[] {
  // Ends sort before starts at the same instant: back-to-back invocations do not overlap.
  const events: Array<[number, number]> = [];
  let running = 0;
  for (const { startMs, endMs } of intervals) {
    const end = Math.max(endMs, startMs + 0.001);
    if (end <= fromMs || startMs >= toMs) continue;
    if (startMs < fromMs) running += 1;
    else events.push([startMs, 1]);
    if (end < toMs) events.push([end, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const samples: number[] = [];
  let next = 0;
  for (let slice = fromMs; slice < toMs; slice += sliceMs) {
    const sliceEnd = Math.min(slice + sliceMs, toMs);
    let peak = running;
    while (next < events.length && (events[next] as [number, number])[0] < sliceEnd) {
      running += (events[next] as [number, number])[1];
      if (running > peak) peak = running;
      next += 1;
    }
    if (peak > 0) samples.push(peak);
  }
  return samples;
}

export interface StepPoint {
  atMs: number;
  value: number;
}

/**
 * Samples a step function (each point holds until the next) once per one-second slice of
 * [fromMs, toMs): the largest value held during the slice, so a short peak is not missed.
 * Slices before the first point or after `untilMs` give no sample. `points` must be in time order.
 */
export function stepSamples(points: readonly StepPoint[], fromMs: number, toMs: number, untilMs: number): number[] {
  const samples: number[] = [];
  let index = -1;
  for (let at = fromMs; at < toMs && at <= untilMs; at += sliceMs) {
    const sliceEnd = Math.min(at + sliceMs, toMs);
    while (index + 1 < points.length && (points[index + 1] as StepPoint).atMs <= at) index += 1;
    let peak = index >= 0 ? (points[index] as StepPoint).value : undefined;
    while (index + 1 < points.length && (points[index + 1] as StepPoint).atMs < sliceEnd) {
      index += 1;
      const value = (points[index] as StepPoint).value;
      if (peak === undefined || value > peak) peak = value;
    }
    if (peak !== undefined) samples.push(peak);
  }
  return samples;
}
