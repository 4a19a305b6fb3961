/**
 * CPU time per request from Lambda Insights: the mean of `cpu_total_time` (namespace
 * LambdaInsights, dimension function_name; user plus system CPU per invocation, in ms) over the
 * window, weighted by sample counts. Standard Lambda's own metrics carry no CPU time, so this is
 * the one CloudWatch source of it; a function without the Insights extension has no datapoints
 * (null), and advise then shows the verdict across the CPU range.
 */
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { cloudWatchClient } from '../metrics/pull.ts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

/** Where CloudWatch is read: AWS (credentials) or the local engine (endpoint). */
interface InsightsAccess {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
}

export async function readInsightsCpuMs(access: InsightsAccess, functionName: string, window: { startMs: number; endMs: number }): Promise<number | null> {
  const periodSec = Math.ceil((window.endMs - window.startMs) / 60_000) * 60;
  const metric = { Namespace: 'LambdaInsights', MetricName: 'cpu_total_time', Dimensions: [{ Name: 'function_name', Value: functionName }] };
  const queries: MetricDataQuery[] = (['Average', 'SampleCount'] as const).map((stat) => ({ Id: stat.toLowerCase(), MetricStat: { Metric: metric, Period: periodSec, Stat: stat } }));
  const client = cloudWatchClient({ region: access.region, ...(access.endpoint ? { endpoint: access.endpoint } : {}), functionDimensions: { FunctionName: functionName }, periodSec }, access.credentials);
  const values: Record<string, number[]> = { average: [], samplecount: [] };
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
  const counts = values['samplecount'] ?? [];
  const averages = values['average'] ?? [];
  const samples = counts.reduce((total, n) => total + n, 0);
  if (samples === 0 || averages.length !== counts.length) return null;
  return averages.reduce((total, average, i) => total + average * (counts[i] ?? 0), 0) / samples;
}
