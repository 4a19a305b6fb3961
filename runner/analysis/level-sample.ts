/**
 * A measured level as the bootstrap sees it: per trial, the successful-request latency
 * distribution (decoded from the run file's HDR histogram onto one value grid shared by all
 * trials), the request counts and the throughput.
 */
import * as hdr from 'hdr-histogram-js';
import type { EncodedHistogram, MeasuredLevel } from '../run/run-file.ts';

export interface TrialSample {
  /** Successful requests at each value of the level's grid. */
  counts: Float64Array;
  ok: number;
  throttled: number;
  errors: number;
  throughputRps: number;
  meanMs: number;
  stddevMs: number;
}

export interface LevelSample {
  /** Ascending latency values in milliseconds (HDR bucket values). */
  gridMs: Float64Array;
  trials: TrialSample[];
}

interface Recorded {
  valueUs: number;
  count: number;
}

function recordedValues(encoded: EncodedHistogram): Recorded[] {
  const histogram = hdr.decodeFromCompressedBase64(encoded.data, 64, false) as unknown as {
    recordedValuesIterator: { reset(): void; hasNext(): boolean; next(): { valueIteratedTo: number; countAtValueIteratedTo: number } };
  };
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  const values: Recorded[] = [];
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push({ valueUs: step.valueIteratedTo, count: step.countAtValueIteratedTo });
  }
  return values;
}

export function levelSample(level: MeasuredLevel): LevelSample {
  // A level always has trials; a hand-written file without them still has its merged totals.
  const trials =
    level.trials.length > 0
      ? level.trials
      : [{ histogram: level.histogram, requests: level.requests, throughputRps: level.throughputRps }];
  const decoded = trials.map((trial) => recordedValues(trial.histogram));
  const grid = [...new Set(decoded.flatMap((values) => values.map((v) => v.valueUs)))].sort((a, b) => a - b);
  const indexOf = new Map(grid.map((value, index) => [value, index]));
  return {
    gridMs: Float64Array.from(grid, (us) => us / 1000),
    trials: trials.map((trial, t) => {
      const counts = new Float64Array(grid.length);
      let total = 0;
      let sum = 0;
      let sumSquares = 0;
      for (const { valueUs, count } of decoded[t] ?? []) {
        counts[indexOf.get(valueUs) ?? 0] = count;
        const ms = valueUs / 1000;
        total += count;
        sum += ms * count;
        sumSquares += ms * ms * count;
      }
      const meanMs = total > 0 ? sum / total : 0;
      return {
        counts,
        ok: trial.requests.ok,
        throttled: trial.requests.throttled,
        errors: trial.requests.errors,
        throughputRps: trial.throughputRps,
        meanMs,
        stddevMs: total > 1 ? Math.sqrt(Math.max(0, sumSquares / total - meanMs * meanMs)) : 0,
      };
    }),
  };
}
