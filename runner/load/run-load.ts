/**
 * One closed-loop load run: autocannon with connections = concurrency, each connection sending
 * its next request as soon as the previous one is answered. Latency comes from autocannon's
 * per-request `response` event (fractional ms from process.hrtime) into our own µs histogram;
 * only 2xx responses enter it. 429s and other failures are counted apart (tally.ts).
 */
import autocannon from 'autocannon';
import type { SignRequest } from '../system/sigv4-signer.ts';
import { UsageError } from '../errors.ts';
import { createLatencyHistogram, recordLatencyMs, type LatencyHistogram } from './latency-histogram.ts';
import { loadTotals, type LoadProgress, type LoadResult } from './load-result.ts';
import { createTally, reportProgress, startSigning, type Signing, type Tally } from './tally.ts';
import { errorMessage } from '../system/error-message.ts';

export type { LoadProgress, LoadResult } from './load-result.ts';

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

/**
 * Interval at which autocannon checks its stop flag: bounds how long an abort, and the end of
 * the run, take. autocannon sets the flag at its duration and stops at the next check; at
 * 100 ms, on intervals that drift late under load, runs ended 40-200 ms past their duration
 * (measured), paid by every phase of a level. A check is a few counter updates.
 */
const sampleIntervalMs = 20;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, concurrency, durationSec } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  if (!(durationSec > 0)) throw new UsageError(`load duration must be > 0 seconds, got ${durationSec}`);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const signing = await startSigning({ url, body: options.body, headers, ...(options.signRequest ? { signRequest: options.signRequest } : {}), ...(options.resignIntervalMs !== undefined ? { resignIntervalMs: options.resignIntervalMs } : {}) });
  const histogram = createLatencyHistogram();
  const tally = createTally();
  const aborted = options.signal?.aborted ?? false;
  const startMs = Date.now();
  const run = aborted ? { endMs: startMs, sent: 0, aborted } : await runAutocannon(options, signing, tally, histogram, startMs);
  return {
    ...loadTotals(startMs, run.endMs, tally.requests, histogram),
    statusCodes: tally.statusCodes,
    socketErrors: tally.socketErrors,
    aborted: run.aborted,
    inFlightAtEnd: Math.max(0, run.sent - tally.settled()),
  };
}

interface AutocannonRun {
  endMs: number;
  /** Requests autocannon sent. */
  sent: number;
  aborted: boolean;
}

/** The autocannon instance of one run, its answers into the tally; stops on the signal or a failed renewal. */
function runAutocannon(options: LoadOptions, signing: Signing, tally: Tally, histogram: LatencyHistogram, startMs: number): Promise<AutocannonRun> {
  let aborted = false;
  let signingError: Error | undefined;
  return new Promise<AutocannonRun>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        headers: signing.headers(),
        ...(options.signRequest ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: signing.headers() }) }] } : {}),
        connections: options.concurrency,
        pipelining: 1,
        duration: options.durationSec,
        timeout: options.timeoutSec ?? 30,
        sampleInt: sampleIntervalMs,
      },
      (error: unknown, result?: autocannon.Result) => {
        cleanup();
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (signingError !== undefined) reject(signingError);
        else resolve({ endMs: Date.now(), sent: result?.requests.sent ?? 0, aborted });
      },
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (tally.answer(statusCode) === 'ok') recordLatencyMs(histogram, responseTimeMs);
    });
    instance.on('reqError', (error: unknown) => tally.socketError(errorMessage(error)));
    const stopProgress = reportProgress(tally, startMs, options.onProgress);
    // autocannon times its duration from its own start, after ours: the run ends at ours.
    const endTimer = setTimeout(() => instance.stop(), Math.max(0, startMs + options.durationSec * 1000 - Date.now()));
    signing.renew((error) => {
      signingError = error;
      instance.stop();
    });
    const onAbort = (): void => {
      aborted = true;
      instance.stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    function cleanup(): void {
      clearTimeout(endTimer);
      stopProgress();
      signing.stop();
      options.signal?.removeEventListener('abort', onAbort);
    }
  });
}
