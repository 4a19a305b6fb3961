/**
 * The statistics GetMetricData computes over the samples of one period. Pure functions.
 * Percentiles use the nearest-rank definition CloudWatch documents ("p99: 99% of the data
 * points in the period are lower than or equal to this value").
 */
import { CloudWatchApiError } from './errors.ts';
import { sum } from '../../system/sum.ts';

export type Statistic =
  | { kind: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' }
  | { kind: 'percentile'; percent: number };

const simple = new Set(['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum']);

/** Parses a MetricStat.Stat string; the extended statistics CloudWatch has but the engine lacks are refused by name. */
export function parseStatistic(stat: string, queryId: string): Statistic {
  if (simple.has(stat)) return { kind: stat as 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' };
  const percentile = /^[pP](\d{1,2}(?:\.\d{1,10})?|100(?:\.0+)?)$/.exec(stat);
  if (percentile) {
    const percent = Number(percentile[1]);
    if (percent >= 0 && percent <= 100) return { kind: 'percentile', percent };
  }
  if (/^(tm|wm|tc|ts|pr|iqm)/i.test(stat)) {
    throw new CloudWatchApiError(
      'InvalidParameterValueException',
      `The statistic '${stat}' in query '${queryId}' is not supported by the local engine (supported: SampleCount, Sum, Average, Minimum, Maximum, pNN)`,
    );
  }
  throw new CloudWatchApiError('InvalidParameterValueException', `The value '${stat}' for parameter MetricDataQueries.member.Stat in query '${queryId}' is not a valid statistic.`);
}

/** The statistic over a non-empty list of samples. */
export function computeStatistic(samples: readonly number[], statistic: Statistic): number {
  if (samples.length === 0) throw new RangeError('computeStatistic needs at least one sample');
  switch (statistic.kind) {
    case 'SampleCount':
      return samples.length;
    case 'Sum':
      return sum(samples);
    case 'Average':
      return sum(samples) / samples.length;
    case 'Minimum':
      return samples.reduce((a, b) => (b < a ? b : a));
    case 'Maximum':
      return samples.reduce((a, b) => (b > a ? b : a));
    case 'percentile':
      return nearestRank(samples, statistic.percent);
  }
}

export function nearestRank(samples: readonly number[], percent: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
