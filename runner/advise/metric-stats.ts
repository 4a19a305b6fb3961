/**
 * One metric of one function over a window, read through GetMetricData as a few statistics at
 * one period that covers the window in whole minutes, every page followed. The Duration reader
 * and the Lambda Insights CPU reader ask the same way; each then weighs what it got.
 */
import { GetMetricDataCommand, type Dimension, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { cloudWatchClient } from '../metrics/pull.ts';

/** Where CloudWatch is read: AWS (credentials) or the local engine (endpoint). */
export interface MetricAccess {
  region: string;
  /** Endpoint override: the local engine's control URL. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
}

export interface FunctionMetric {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

/** The datapoints of each statistic, keyed by the statistic in lower case (average, p50, samplecount). */
export async function readMetricStats(access: MetricAccess, functionName: string, metric: FunctionMetric, stats: readonly string[], window: { startMs: number; endMs: number }): Promise<Record<string, number[]>> {
  const periodSec = Math.ceil((window.endMs - window.startMs) / 60_000) * 60;
  const queried = { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: metric.dimensions };
  const queries: MetricDataQuery[] = stats.map((stat) => ({ Id: stat.toLowerCase(), MetricStat: { Metric: queried, Period: periodSec, Stat: stat } }));
  const client = cloudWatchClient({ region: access.region, ...(access.endpoint ? { endpoint: access.endpoint } : {}), functionDimensions: { FunctionName: functionName }, periodSec }, access.credentials);
  const values: Record<string, number[]> = Object.fromEntries(stats.map((stat) => [stat.toLowerCase(), []]));
  try {
    let nextToken: string | undefined;
    do {
      const out = await client.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(window.startMs), EndTime: new Date(window.endMs), ScanBy: 'TimestampAscending', NextToken: nextToken }));
      for (const result of out.MetricDataResults ?? []) values[result.Id ?? '']?.push(...(result.Values ?? []));
      nextToken = out.NextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
  return values;
}
