/**
 * Standard Lambda's cold start as AWS runs it: init within its limit (10 s); when it times out,
 * Lambda runs init again at the first invocation, within the function's timeout (a "suppressed
 * init"), and the handler then has what is left of that timeout. The first attempt's time is
 * the init AWS reports (INIT_REPORT, Status: timeout); the retry's counts in the invocation's
 * duration. Locally the retry is a fresh environment (a new runtime process and /tmp): whether
 * AWS keeps the first attempt's /tmp for the retry is not documented.
 */
import { InitTimeoutError, type Environment } from './environment.ts';
import { initTimeoutMessage, type InitLimit } from './init-limit.ts';
import { errorMessage } from '../system/error-message.ts';

export type ColdStart =
  | {
      kind: 'ready';
      environment: Environment;
      /** The init AWS reports: the one attempt, or the first that timed out. */
      initDurationMs: number;
      /** The retried init inside the invocation (0 when the first attempt finished). */
      suppressedInitMs: number;
    }
  | { kind: 'failed'; environment: Environment; message: string; initDurationMs: number | undefined };

/**
 * Starts an environment made by `create` (which tracks it) within `limit`, retrying once within
 * `limit.retry` when the first attempt times out and `mayRetry()` (the function is not being
 * stopped); `discard` drops an environment that failed.
 */
export async function coldStart(limit: InitLimit, create: (attempt: InitLimit) => Environment, discard: (environment: Environment) => void, mayRetry: () => boolean = () => true): Promise<ColdStart> {
  const { retry, ...firstLimit } = limit;
  const first = create(firstLimit);
  const startedAt = performance.now();
  try {
    return { kind: 'ready', environment: first, initDurationMs: await first.start(), suppressedInitMs: 0 };
  } catch (error) {
    discard(first);
    if (!(error instanceof InitTimeoutError) || retry === undefined || !mayRetry()) return { kind: 'failed', environment: first, message: errorMessage(error), initDurationMs: undefined };
  }
  const initDurationMs = performance.now() - startedAt;
  const second = create(retry);
  try {
    return { kind: 'ready', environment: second, initDurationMs, suppressedInitMs: await second.start() };
  } catch (error) {
    discard(second);
    return { kind: 'failed', environment: second, message: error instanceof InitTimeoutError ? initTimeoutMessage(limit) : errorMessage(error), initDurationMs };
  }
}
