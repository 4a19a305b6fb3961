/**
 * Pulls a level's CloudWatch metrics through GetMetricData: the same code against AWS and
 * against the local engine (endpoint override, dummy static credentials; the engine does not
 * check signatures). All queries go in one request, following NextToken pages.
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { CloudWatchSummary } from '../run/run-file.ts';
import type { CloudWatchAccess } from './access.ts';
import { UsageError } from '../errors.ts';
import { isValidPeriod } from './periods.ts';
import { collectDatapoints, levelQueries, summarize } from './queries.ts';
import { metricsWindow } from './window.ts';
import { sleep } from '../system/sleep.ts';
import type { Mode } from '../domain.ts';
import { awsClientLimits } from '../system/aws-client-limits.ts';

export interface PullOptions {
  credentials?: AwsCredentialIdentity;
  /**
   * AWS: how long after the window's last period ends before its data is complete (LMI
   * metrics arrive every 5 minutes). The pull waits that long, then reads again until two
   * successive reads agree, for at most another settleMs.
   */
  settleMs?: number;
  /** Aborts the settle wait. */
  signal?: AbortSignal;
}

const localCredentials: AwsCredentialIdentity = { accessKeyId: 'lmi-bench-local', secretAccessKey: 'lmi-bench-local' };

export function cloudWatchClient(access: CloudWatchAccess, credentials?: AwsCredentialIdentity): CloudWatchClient {
  return new CloudWatchClient({
    ...awsClientLimits(),
    region: access.region,
    ...(access.endpoint !== undefined ? { endpoint: access.endpoint, credentials: credentials ?? localCredentials } : credentials ? { credentials } : {}),
  });
}

async function getAll(client: CloudWatchClient, queries: MetricDataQuery[], startMs: number, endMs: number): Promise<Array<MetricDataResult[] | undefined>> {
  const pages: Array<MetricDataResult[] | undefined> = [];
  let nextToken: string | undefined;
  do {
    const out = await client.send(
      new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(startMs), EndTime: new Date(endMs), ScanBy: 'TimestampAscending', NextToken: nextToken }),
    );
    pages.push(out.MetricDataResults);
    nextToken = out.NextToken;
  } while (nextToken);
  return pages;
}

export async function pullLevelMetrics(
  access: CloudWatchAccess,
  window: { startMs: number; endMs: number },
  mode: Mode,
  options: PullOptions = {},
): Promise<CloudWatchSummary> {
  const aligned = metricsWindow(window, access.periodSec);
  const queries = levelQueries(access, mode, aligned.periodSec);
  const client = cloudWatchClient(access, options.credentials);
  const windowSec = (aligned.endMs - aligned.startMs) / 1000;
  try {
    const settleMs = options.settleMs ?? 0;
    if (settleMs <= 0) return summarize(collectDatapoints(await getAll(client, queries, aligned.startMs, aligned.endMs)), mode, windowSec);
    const untilComplete = aligned.endMs + settleMs - Date.now();
    if (untilComplete > 0) await sleep(untilComplete, options.signal);
    const deadline = Date.now() + settleMs;
    let previous = summarize(collectDatapoints(await getAll(client, queries, aligned.startMs, aligned.endMs)), mode, windowSec);
    for (;;) {
      const pauseMs = Math.min(30_000, Math.max(1_000, settleMs / 5));
      if (Date.now() + pauseMs > deadline) return previous;
      await sleep(pauseMs, options.signal);
      const current = summarize(collectDatapoints(await getAll(client, queries, aligned.startMs, aligned.endMs)), mode, windowSec);
      if (JSON.stringify(current) === JSON.stringify(previous)) return current;
      previous = current;
    }
  } finally {
    client.destroy();
  }
}

/**
 * Invocations of one function per period over [startMs, endMs), oldest first: a real
 * function's traffic history, for traffic profiles. Periods without invocations are absent.
 */
export async function pullInvocationHistory(
  access: CloudWatchAccess,
  functionName: string,
  startMs: number,
  endMs: number,
  periodSec: number,
  options: { credentials?: AwsCredentialIdentity } = {},
): Promise<Array<{ atMs: number; invocations: number }>> {
  if (!isValidPeriod(periodSec)) throw new UsageError(`invocation history period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got ${periodSec}`);
  if (!(endMs > startMs)) throw new UsageError('invocation history window is empty: the end must come after the start');
  const client = cloudWatchClient(access, options.credentials);
  try {
    const query: MetricDataQuery = {
      Id: 'invocations',
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: functionName }] }, Period: periodSec, Stat: 'Sum' },
    };
    const history: Array<{ atMs: number; invocations: number }> = [];
    for (const results of await getAll(client, [query], startMs, endMs)) {
      for (const result of results ?? []) {
        (result.Timestamps ?? []).forEach((at, i) => history.push({ atMs: at.getTime(), invocations: result.Values?.[i] ?? 0 }));
      }
    }
    return history.sort((a, b) => a.atMs - b.atMs);
  } finally {
    client.destroy();
  }
}
