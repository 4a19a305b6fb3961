/**
 * Latency of successful requests in an HDR histogram of MICROSECONDS: autocannon's own
 * histogram holds whole milliseconds, too coarse for a 50 ms handler measured to ±1 ms.
 * Pure helpers: build, record, merge, summarise, encode/decode (run.json keeps the encoding so
 * reports can recompute any percentile later).
 */
import * as hdr from 'hdr-histogram-js';
import type { EncodedHistogram, LatencySummaryMs } from '../run/run-file.ts';
import { decodeHistogram, encodeHistogram } from '../run/histogram-codec.ts';

export type LatencyHistogram = hdr.Histogram;

/** 3 significant digits: 0.1% resolution, e.g. ±50 µs at 50 ms. */
export function createLatencyHistogram(): LatencyHistogram {
  return hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true, bitBucketSize: 64 });
}

export function recordLatencyMs(histogram: LatencyHistogram, latencyMs: number): void {
  // A response faster than 1 µs is still a response: record it as the smallest value.
  histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
}

/** Percentiles in milliseconds; null when nothing was recorded (no successful request). */
export function summarizeLatency(histogram: LatencyHistogram): LatencySummaryMs | null {
  if (histogram.totalCount === 0) return null;
  const ms = (us: number): number => Math.round(us) / 1000;
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    // Bucket bounds rather than raw min/max: a decoded histogram only knows buckets, and the
    // summary of a trial must equal the summary of the same trial read back from run.json.
    max: ms(histogram.getValueAtPercentile(100)),
    mean: Math.round(histogram.mean) / 1000,
    min: ms(histogram.getValueAtPercentile(0)),
    stddev: Math.round(histogram.stdDeviation) / 1000,
  };
}

// The stored form is the run file's (runner/run/histogram-codec.ts); recorders and readers use it from here too.
export { decodeHistogram, encodeHistogram };

/** Sum of histograms: the level's latency over all its trials. */
export function mergeHistograms(encoded: EncodedHistogram[]): LatencyHistogram {
  const total = createLatencyHistogram();
  for (const one of encoded) total.add(decodeHistogram(one));
  return total;
}
