/**
 * The CloudWatch GetMetricData subset the local engine serves on POST / of its control port,
 * in the AWS JSON 1.0 protocol that @aws-sdk/client-cloudwatch speaks (X-Amz-Target
 * `GraniteServiceVersion20100801.GetMetricData`, epoch-second timestamps both ways, errors as
 * `{ __type, message }`), so the SDK reads it with nothing but an endpoint override.
 *
 * The engine runs this on its query thread (query-thread.ts), against a replica of its store,
 * so its front doors never wait for it. Periods older than CloudWatch keeps data of their length
 * (retentionMs) or older than anything the store holds are never computed, and the rest is
 * computed in chunks that yield between them: on the query thread, a small request and the
 * stream of store writes are served while a large one is still computing.
 */
import type { MetricsStore } from '../metrics-store.ts';
import { CloudWatchApiError, errorResponse, internalFault, jsonContentType, type CloudWatchResponse } from './errors.ts';
import { resolveLambdaMetric, StoreView } from './lambda-metrics.ts';
import { resolveInsightsMetric } from './insights-metrics.ts';
import { decodeToken, encodeToken, requestFingerprint } from './paging.ts';
import { bucketCount, buckets, retentionMs, type Bucket } from './periods.ts';
import { parseGetMetricDataRequest, type GetMetricDataRequest, type MetricQuery } from './request.ts';
import { computeStatistic } from './statistics.ts';

export type { CloudWatchResponse } from './errors.ts';

export const serviceTarget = 'GraniteServiceVersion20100801';
/** More periods than this in one query is refused rather than computed. */
const maxPeriodsPerQuery = 1_000_000;
/** Periods computed between two looks at the clock. */
const bucketsPerChunk = 32;
/** Longest the computation holds the event loop before it yields. */
const sliceBudgetMs = 2;

/** Gives the event loop back (front doors, other requests) once the current slice has used its budget. */
class Yielder {
  #since = performance.now();
  async maybe(): Promise<void> {
    if (performance.now() - this.#since < sliceBudgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#since = performance.now();
  }
}

interface QueryResult {
  query: MetricQuery;
  /** [timestamp ms, value], in ScanBy order. */
  datapoints: Array<[number, number]>;
}

async function runQuery(view: StoreView, request: GetMetricDataRequest, query: MetricQuery, yielder: Yielder): Promise<QueryResult> {
  const series = resolveLambdaMetric(view, query.namespace, query.metricName, query.dimensions) ?? resolveInsightsMetric(view, query.namespace, query.metricName, query.dimensions);
  // A Unit that is not the metric's unit matches no data, as in CloudWatch.
  if (!series || (query.unit !== undefined && query.unit !== series.unit)) return { query, datapoints: [] };
  // Periods past CloudWatch's retention for their length, or before any record, hold nothing.
  const fromMs = Math.max(view.asOfMs - retentionMs(query.periodSec), view.store.earliestMs());
  const periodCount = bucketCount(request.startMs, request.endMs, query.periodSec, view.asOfMs, fromMs);
  if (periodCount > maxPeriodsPerQuery) {
    throw new CloudWatchApiError('InvalidParameterValueException', `Query '${query.id}' spans ${periodCount} periods of ${query.periodSec} s; use a longer Period or a shorter time range.`);
  }
  const periods = buckets(request.startMs, request.endMs, query.periodSec, view.asOfMs, fromMs);
  const datapoints: Array<[number, number]> = [];
  for (let at = 0; at < periods.length; at += bucketsPerChunk) {
    const chunk: Bucket[] = periods.slice(at, at + bucketsPerChunk);
    const samples = series.samples(chunk);
    chunk.forEach((period, i) => {
      const values = samples[i] ?? [];
      if (values.length > 0) datapoints.push([period.startMs, computeStatistic(values, query.statistic)]);
    });
    await yielder.maybe();
  }
  if (request.scanBy === 'TimestampDescending') datapoints.reverse();
  return { query, datapoints };
}

async function getMetricData(store: MetricsStore, body: string, nowMs: number): Promise<CloudWatchResponse> {
  const request = parseGetMetricDataRequest(body);
  const fingerprint = requestFingerprint(request);
  const cursor = request.nextToken === undefined ? { offset: 0, asOfMs: nowMs } : decodeToken(request.nextToken, fingerprint);
  // CloudWatch rounds StartTime down by at most an hour and EndTime up by at most a minute.
  const view = new StoreView(store, cursor.asOfMs, { startMs: request.startMs - 3_600_000, endMs: request.endMs + 60_000 });
  const yielder = new Yielder();
  const results: QueryResult[] = [];
  for (const query of request.queries) if (query.returnData) results.push(await runQuery(view, request, query, yielder));
  // Pages cut the datapoints of all queries, in query order, MaxDatapoints at a time.
  const pageEnd = cursor.offset + request.maxDatapoints;
  let seen = 0;
  const metricDataResults = results.map(({ query, datapoints }) => {
    const from = Math.min(Math.max(cursor.offset - seen, 0), datapoints.length);
    const to = Math.min(Math.max(pageEnd - seen, 0), datapoints.length);
    seen += datapoints.length;
    const page = datapoints.slice(from, to);
    return {
      Id: query.id,
      Label: query.label ?? query.metricName,
      Timestamps: page.map(([atMs]) => atMs / 1000),
      Values: page.map(([, value]) => value),
      StatusCode: to < datapoints.length ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  const output: Record<string, unknown> = { MetricDataResults: metricDataResults, Messages: [] };
  if (pageEnd < seen) output['NextToken'] = encodeToken({ offset: pageEnd, asOfMs: cursor.asOfMs }, fingerprint);
  return { status: 200, contentType: jsonContentType, body: JSON.stringify(output) };
}

/**
 * Answers one CloudWatch API request. `target` is the X-Amz-Target header. A bad request is a
 * 400 with a CloudWatch error shape, a fault in the engine a 500 InternalServiceFault; nothing throws.
 */
export async function handleCloudWatchRequest(
  store: MetricsStore,
  request: { target: string | undefined; body: string },
  nowMs: number = Date.now(),
): Promise<CloudWatchResponse> {
  try {
    const operation = request.target?.startsWith(`${serviceTarget}.`) ? request.target.slice(serviceTarget.length + 1) : undefined;
    if (operation !== 'GetMetricData') {
      throw new CloudWatchApiError(
        'UnknownOperationException',
        request.target === undefined
          ? 'Missing X-Amz-Target header: the local engine serves CloudWatch GetMetricData (AWS JSON 1.0).'
          : `The local engine serves only CloudWatch GetMetricData; ${request.target} is not supported.`,
      );
    }
    return await getMetricData(store, request.body, nowMs);
  } catch (error) {
    if (error instanceof CloudWatchApiError) return errorResponse(error);
    return internalFault(error);
  }
}
