/**
 * Decodes a level's HDR histogram (µs, hdr-histogram-js compressed base64) at render time
 * into what the page draws: latency bins in ms on a log scale, and the percentiles behind them.
 */
import { decodeFromCompressedBase64, JsHistogram } from 'hdr-histogram-js';
import type { EncodedHistogram } from '../runner/run/run-file.ts';

export interface LatencyBin {
  fromMs: number;
  toMs: number;
  count: number;
}

export interface DecodedDistribution {
  count: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  /** Percentile (0–100) -> latency in ms, from the histogram itself. */
  percentilesMs: Array<{ percentile: number; latencyMs: number }>;
  bins: LatencyBin[];
}

export const reportedPercentiles = [50, 75, 90, 95, 99, 99.9, 99.99] as const;

const usPerMs = 1000;

/**
 * Bins are log-spaced between the fastest and slowest request: latency tails span orders of
 * magnitude and linear bins would squash the body of the distribution into one bar.
 */
export function decodeDistribution(encoded: EncodedHistogram, binCount?: number): DecodedDistribution {
  const histogram = decodeFromCompressedBase64(encoded.data, 32, false);
  try {
    const count = histogram.totalCount;
    const bins = binCount ?? riceBinCount(count);
    if (count === 0) return { count: 0, minMs: 0, maxMs: 0, meanMs: 0, percentilesMs: [], bins: [] };
    const minUs = Math.max(histogram.minNonZeroValue, 1);
    const maxUs = Math.max(histogram.maxValue, minUs);
    const counted = binEdges(minUs, maxUs, bins).map(([fromUs, toUs]) => ({ fromMs: fromUs / usPerMs, toMs: toUs / usPerMs, count: 0 }));
    if (!(histogram instanceof JsHistogram)) throw new Error('hdr-histogram-js returned a histogram without a value iterator');
    const iterator = histogram.recordedValuesIterator;
    iterator.reset();
    while (iterator.hasNext()) {
      const step = iterator.next();
      const valueUs = Math.max(step.valueIteratedTo, minUs);
      const index = Math.min(counted.length - 1, binIndex(valueUs, minUs, maxUs, counted.length));
      const bin = counted[index];
      if (bin) bin.count += step.countAtValueIteratedTo;
    }
    return {
      count,
      minMs: minUs / usPerMs,
      maxMs: maxUs / usPerMs,
      meanMs: histogram.mean / usPerMs,
      percentilesMs: reportedPercentiles.map((percentile) => ({ percentile, latencyMs: histogram.getValueAtPercentile(percentile) / usPerMs })),
      bins: counted.filter((bin) => bin.count > 0),
    };
  } finally {
    histogram.destroy();
  }
}

/** Rice's rule (2·∛n), kept between 8 and 40: a short level gets a readable shape, a long one no noise. */
function riceBinCount(count: number): number {
  return Math.min(40, Math.max(8, Math.ceil(2 * Math.cbrt(count))));
}

function binEdges(minUs: number, maxUs: number, binCount: number): Array<[number, number]> {
  if (maxUs <= minUs) return [[minUs, minUs]];
  const ratio = Math.log(maxUs / minUs) / binCount;
  return Array.from({ length: binCount }, (_, index) => [minUs * Math.exp(ratio * index), minUs * Math.exp(ratio * (index + 1))]);
}

function binIndex(valueUs: number, minUs: number, maxUs: number, binCount: number): number {
  if (maxUs <= minUs) return 0;
  return Math.floor((Math.log(valueUs / minUs) / Math.log(maxUs / minUs)) * binCount);
}
