/**
 * One closed-loop load run: autocannon with connections = concurrency, each connection sending
 * its next request as soon as the previous one is answered. Latency comes from autocannon's
 * per-request `response` event (fractional ms from process.hrtime) into our own µs histogram;
 * only 2xx responses enter it. 429s and other failures are counted apart.
 */
import autocannon from 'autocannon';
import type { SignRequest } from '../system/sigv4-signer.ts';
import type { EncodedHistogram, LatencySummaryMs, RequestCounts, TimeWindow } from '../run/run-file.ts';
import { UsageError } from '../errors.ts';
import type { OpenLoopStats } from './open-loop.ts';
import { createLatencyHistogram, encodeHistogram, recordLatencyMs, summarizeLatency, type LatencyHistogram } from './latency-histogram.ts';
import { errorMessage } from '../system/error-message.ts';

export interface LoadProgress {
  elapsedMs: number;
  requests: RequestCounts;
}

export interface LoadOptions {
  url: string;
  concurrency: number;
  durationSec: number;
  /** Request body (POST). */
  body: string;
  headers?: Record<string, string>;
  /** A request still unanswered after this long counts as an error (timeout). Default 30 s. */
  timeoutSec?: number;
  /**
   * Signs the request (AWS_IAM function URLs). Signing is async and autocannon builds requests
   * synchronously, so requests carry the latest signature, renewed every `resignIntervalMs`
   * (AWS accepts a signature for 5 minutes after its timestamp).
   */
  signRequest?: SignRequest;
  /** Default 60 s. */
  resignIntervalMs?: number;
  signal?: AbortSignal;
  /** Called about 4 times a second while the load runs. */
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadResult {
  window: TimeWindow;
  requests: RequestCounts;
  /** Successful responses per second over the window. */
  throughputRps: number;
  /** Percentiles of 2xx latency; null when no request succeeded. */
  latencyMs: LatencySummaryMs | null;
  histogram: EncodedHistogram;
  /** Responses by HTTP status code (what the errors were). */
  statusCodes: Record<string, number>;
  /** Socket errors and timeouts, by message. */
  socketErrors: Record<string, number>;
  /** True when the signal stopped the run before its duration. */
  aborted: boolean;
  /**
   * Requests sent that were still unanswered when the run closed its connections: the server
   * goes on serving them after the window (the next run must let them finish).
   */
  inFlightAtEnd: number;
  /** Open-loop runs only (open-loop.ts): the schedule and the latency from the send. */
  open?: OpenLoopStats;
}

/** Interval at which autocannon checks its stop flag: bounds how long an abort takes. */
const sampleIntervalMs = 100;

export function timeWindow(startMs: number, endMs: number): TimeWindow {
  return { startMs, endMs, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
}

/** What every load result derives the same way from its window, its counts and its 2xx histogram. */
export function loadTotals(startMs: number, endMs: number, requests: RequestCounts, histogram: LatencyHistogram): Pick<LoadResult, 'window' | 'requests' | 'throughputRps' | 'latencyMs' | 'histogram'> {
  const seconds = (endMs - startMs) / 1000;
  return {
    window: timeWindow(startMs, endMs),
    requests,
    throughputRps: seconds > 0 ? requests.ok / seconds : 0,
    latencyMs: summarizeLatency(histogram),
    histogram: encodeHistogram(histogram),
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, concurrency, durationSec } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  if (!(durationSec > 0)) throw new UsageError(`load duration must be > 0 seconds, got ${durationSec}`);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const { signRequest } = options;
  const sign = async (): Promise<Record<string, string>> =>
    signRequest ? { ...headers, ...(await signRequest({ method: 'POST', url, headers: { ...headers }, body: options.body })) } : headers;
  let signedHeaders = await sign();
  let signingError: unknown;

  const histogram = createLatencyHistogram();
  const requests: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  const statusCodes: Record<string, number> = {};
  const socketErrors: Record<string, number> = {};
  let aborted = false;
  if (options.signal?.aborted) aborted = true;

  let sentRequests = 0;
  const startMs = Date.now();
  const endMs = await new Promise<number>((resolve, reject) => {
    if (aborted) return resolve(startMs);
    const instance = autocannon(
      {
        url,
        method: 'POST',
        body: options.body,
        headers: signedHeaders,
        ...(signRequest ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: signedHeaders }) }] } : {}),
        connections: concurrency,
        pipelining: 1,
        duration: durationSec,
        timeout: options.timeoutSec ?? 30,
        sampleInt: sampleIntervalMs,
      },
      (error: unknown, result?: autocannon.Result) => {
        cleanup();
        sentRequests = result?.requests.sent ?? 0;
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (signingError !== undefined) reject(new Error(`re-signing requests failed: ${errorMessage(signingError)}`));
        else resolve(Date.now());
      },
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTimeMs: number) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        requests.ok += 1;
        recordLatencyMs(histogram, responseTimeMs);
      } else if (statusCode === 429) {
        requests.throttled += 1;
      } else {
        requests.errors += 1;
      }
    });
    instance.on('reqError', (error: unknown) => {
      requests.errors += 1;
      const message = errorMessage(error);
      socketErrors[message] = (socketErrors[message] ?? 0) + 1;
    });
    const progressTimer = options.onProgress
      ? setInterval(() => options.onProgress?.({ elapsedMs: Date.now() - startMs, requests: { ...requests } }), 250)
      : undefined;
    const resignTimer = signRequest
      ? setInterval(() => {
          sign().then(
            (fresh) => (signedHeaders = fresh),
            (error: unknown) => {
              // Requests would soon carry an expired signature: stop and report it.
              signingError = error;
              instance.stop();
            },
          );
        }, options.resignIntervalMs ?? 60_000)
      : undefined;
    const onAbort = (): void => {
      aborted = true;
      instance.stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    function cleanup(): void {
      if (progressTimer) clearInterval(progressTimer);
      if (resignTimer) clearInterval(resignTimer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  });

  return {
    ...loadTotals(startMs, endMs, requests, histogram),
    statusCodes,
    socketErrors,
    aborted,
    inFlightAtEnd: Math.max(0, sentRequests - (requests.ok + requests.throttled + requests.errors)),
  };
}
