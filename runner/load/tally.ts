/**
 * What both load generators (the closed loop of run-load.ts, the open loop of open-loop.ts)
 * keep the same way: each answer counted by its status class, socket errors by message, the
 * progress callback about 4 times a second, and the request signature renewed while the load
 * runs (AWS_IAM function URLs).
 */
import type { SignRequest } from '../system/sigv4-signer.ts';
import type { RequestCounts } from '../run/run-file.ts';
import type { LoadProgress } from './load-result.ts';
import { errorMessage } from '../system/error-message.ts';

/** How an answer counts: 2xx is a success (its latency is measured), 429 a throttle, anything else an error. */
export type StatusClass = keyof RequestCounts;

export function statusClass(statusCode: number): StatusClass {
  if (statusCode >= 200 && statusCode < 300) return 'ok';
  return statusCode === 429 ? 'throttled' : 'errors';
}

export interface Tally {
  readonly requests: RequestCounts;
  /** Responses by HTTP status code. */
  readonly statusCodes: Record<string, number>;
  /** Socket errors and timeouts, by message. */
  readonly socketErrors: Record<string, number>;
  /** Counts an answer; returns its class (a success's latency is the caller's to record). */
  answer(statusCode: number): StatusClass;
  /** A request that got no answer: an error, counted by its message. */
  socketError(message: string): void;
  /** Requests answered or failed so far. */
  settled(): number;
}

export function createTally(): Tally {
  const requests: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  const statusCodes: Record<string, number> = {};
  const socketErrors: Record<string, number> = {};
  return {
    requests,
    statusCodes,
    socketErrors,
    answer(statusCode) {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      const kind = statusClass(statusCode);
      requests[kind] += 1;
      return kind;
    },
    socketError(message) {
      requests.errors += 1;
      socketErrors[message] = (socketErrors[message] ?? 0) + 1;
    },
    settled: () => requests.ok + requests.throttled + requests.errors,
  };
}

/** Reports the tally's counts about 4 times a second; returns the function that stops it. */
export function reportProgress(tally: Tally, startMs: number, onProgress: ((progress: LoadProgress) => void) | undefined): () => void {
  if (!onProgress) return () => undefined;
  const timer = setInterval(() => onProgress({ elapsedMs: Date.now() - startMs, requests: { ...tally.requests } }), 250);
  return () => clearInterval(timer);
}

export interface SigningOptions {
  url: string;
  body: string;
  /** The request's own headers (the signature is added to them). */
  headers: Record<string, string>;
  signRequest?: SignRequest;
  /** Default 60 s (AWS accepts a signature for 5 minutes after its timestamp). */
  resignIntervalMs?: number;
}

export interface Signing {
  /** The headers with the latest signature. */
  headers(): Record<string, string>;
  /** Renews the signature on the interval; a renewal that fails calls `onFailure` once and renews no more. */
  renew(onFailure: (error: Error) => void): void;
  stop(): void;
}

/** Signs the request now (a signer that fails here fails the run before it starts), then on demand. */
export async function startSigning(options: SigningOptions): Promise<Signing> {
  const { signRequest } = options;
  const sign = async (): Promise<Record<string, string>> =>
    signRequest ? { ...options.headers, ...(await signRequest({ method: 'POST', url: options.url, headers: { ...options.headers }, body: options.body })) } : options.headers;
  let current = await sign();
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    headers: () => current,
    renew(onFailure) {
      if (!signRequest) return;
      timer = setInterval(() => {
        sign().then(
          (fresh) => (current = fresh),
          (error: unknown) => {
            // Requests would soon carry an expired signature: stop and report it.
            stop();
            onFailure(new Error(`re-signing requests failed: ${errorMessage(error)}`));
          },
        );
      }, options.resignIntervalMs ?? 60_000);
    },
    stop,
  };
}
