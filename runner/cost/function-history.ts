/**
 * A traffic profile recorded by CloudWatch: the per-minute Invocations of a real function
 * (`cost crossover --from-function NAME`). The same GetMetricData call works against AWS and
 * against the local engine's CloudWatch endpoint.
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import type { TrafficProfile } from './profiles.ts';

export interface InvocationHistoryOptions {
  functionName: string;
  region: string;
  /** Days back from now; CloudWatch keeps 1-minute data for 15 days. */
  days: number;
  /** Alias or version (Resource dimension `name:qualifier`); the whole function when absent. */
  qualifier?: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  nowMs?: number;
  /** Injected for tests; built from region/endpoint/credentials otherwise. */
  client?: CloudWatchClient;
}

export const maxHistoryDays = 15;
const minuteMs = 60_000;

export async function invocationHistory(options: InvocationHistoryOptions): Promise<TrafficProfile> {
  if (!/^[A-Za-z0-9_-]{1,140}$/.test(options.functionName)) throw new UsageError(`'${options.functionName}' is not a Lambda function name`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > maxHistoryDays) {
    throw new UsageError(`--days must be a whole number from 1 to ${maxHistoryDays} (CloudWatch keeps 1-minute data for 15 days), got ${options.days}`);
  }
  const endMs = Math.floor((options.nowMs ?? Date.now()) / minuteMs) * minuteMs;
  const startMs = endMs - options.days * 24 * 60 * minuteMs;
  const client =
    options.client ??
    new CloudWatchClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: 3,
    });
  const dimensions = [{ Name: 'FunctionName', Value: options.functionName }];
  if (options.qualifier) dimensions.push({ Name: 'Resource', Value: `${options.functionName}:${options.qualifier}` });

  const minuteRequests = new Array<number>((endMs - startMs) / minuteMs).fill(0);
  let firstMinute = Number.POSITIVE_INFINITY;
  let nextToken: string | undefined;
  do {
    let results: MetricDataResult[];
    try {
      const page = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(startMs),
          EndTime: new Date(endMs),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
          MetricDataQueries: [
            { Id: 'invocations', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dimensions }, Period: 60, Stat: 'Sum' } },
          ],
        }),
      );
      results = page.MetricDataResults ?? [];
      nextToken = page.NextToken;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new UsageError(`CloudWatch GetMetricData for ${options.functionName} failed: ${message}`);
    }
    for (const result of results) {
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      timestamps.forEach((timestamp, i) => {
        const minute = Math.floor((timestamp.getTime() - startMs) / minuteMs);
        const value = values[i];
        if (minute < 0 || minute >= minuteRequests.length || value === undefined) return;
        // Periods with no invocations are absent from CloudWatch's answer: they stay 0.
        minuteRequests[minute] = (minuteRequests[minute] ?? 0) + value;
        firstMinute = Math.min(firstMinute, minute);
      });
    }
  } while (nextToken);

  if (firstMinute === Number.POSITIVE_INFINITY) {
    throw new UsageError(`CloudWatch has no Invocations for function '${options.functionName}' in the last ${options.days} day(s) (${options.region}): check the name and region`);
  }
  // Minutes before the first datapoint are dropped: the function may not have existed yet, and
  // counting them as idle would understate its traffic.
  return { name: `function:${options.functionName}${options.qualifier ? `:${options.qualifier}` : ''} (last ${options.days} d)`, minuteRequests: minuteRequests.slice(firstMinute) };
}
