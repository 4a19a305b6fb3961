/** A level's totals over its trials: counts summed, histograms added, percentiles recomputed. */
import type { EncodedHistogram, LatencySummaryMs, RequestCounts, TimeWindow, TrialResult } from '../run/run-file.ts';
import { encodeHistogram, mergeHistograms, summarizeLatency } from '../load/latency-histogram.ts';
import { timeWindow } from '../load/load-result.ts';

export interface MergedTrials {
  /** From the first trial's start to the last trial's end. */
  window: TimeWindow;
  requests: RequestCounts;
  /** Successful requests per second of measured time (gaps between trials excluded). */
  throughputRps: number;
  latencyMs: LatencySummaryMs | null;
  histogram: EncodedHistogram;
}

export function mergeTrials(trials: TrialResult[]): MergedTrials {
  const first = trials[0];
  const last = trials.at(-1);
  if (!first || !last) throw new Error('mergeTrials needs at least one trial');
  const requests: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  let measuredMs = 0;
  for (const trial of trials) {
    requests.ok += trial.requests.ok;
    requests.throttled += trial.requests.throttled;
    requests.errors += trial.requests.errors;
    measuredMs += trial.window.endMs - trial.window.startMs;
  }
  const histogram = mergeHistograms(trials.map((t) => t.histogram));
  return {
    window: timeWindow(first.window.startMs, last.window.endMs),
    requests,
    throughputRps: measuredMs > 0 ? requests.ok / (measuredMs / 1000) : 0,
    latencyMs: summarizeLatency(histogram),
    histogram: encodeHistogram(histogram),
  };
}
