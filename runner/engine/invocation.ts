/** One invocation on one environment, raced against the function's timeout. */
import type { Environment } from './environment.ts';
import type { InvocationUsage } from './protocol.ts';

export type Settled =
  | { kind: 'ok'; result: unknown; durationMs: number; usage?: InvocationUsage }
  | { kind: 'error'; message: string; errorType?: string; durationMs: number; usage?: InvocationUsage }
  | { kind: 'timeout'; durationMs: number };

/** What the front door answers and records for one request. */
export type Handled =
  | (Settled & { environmentId: string; initDurationMs: number | undefined })
  | { kind: 'init-error'; message: string; environmentId: string; initDurationMs: number | undefined; durationMs: 0 }
  | { kind: 'throttled'; reason: 'ConcurrencyThrottles' | 'SlotsExhausted'; limit: number; message: string }
  /** LMI: no environment alive because they crashed (replacements starting). An error, not a throttle. */
  | { kind: 'no-environment'; message: string };

/**
 * Resolves with the handler's outcome, or with a timeout once `timeoutMs` has passed. The
 * handler is not interrupted here: what happens to a timed-out environment is the pool's
 * decision (standard Lambda recycles it; LMI lets the invocation run on). `onHandlerSettled`
 * fires when the handler itself finishes, timed out or not, so slot accounting stays true.
 */
export function runInvocation(
  environment: Environment,
  event: unknown,
  requestId: string,
  timeoutMs: number,
  onHandlerSettled?: () => void,
): Promise<Settled> {
  const startedAt = performance.now();
  return new Promise<Settled>((resolve) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      resolve({ kind: 'timeout', durationMs: performance.now() - startedAt });
    }, timeoutMs);
    void environment.invoke(event, requestId, Date.now() + timeoutMs).then((outcome) => {
      onHandlerSettled?.();
      if (done) return;
      clearTimeout(timer);
      const durationMs = performance.now() - startedAt;
      const settled: Settled = outcome.ok ? { kind: 'ok', result: outcome.result, durationMs } : { kind: 'error', message: outcome.message, durationMs };
      if (!outcome.ok && outcome.errorType !== undefined && settled.kind === 'error') settled.errorType = outcome.errorType;
      if (outcome.usage) settled.usage = outcome.usage;
      resolve(settled);
    });
  });
}
