import { InterruptedError } from '../errors.ts';

/**
 * Waits `ms`, or rejects as soon as `signal` aborts, so a long wait (CloudWatch settling, an LMI
 * version becoming active, the drain between load runs) never outlives Ctrl-C; the timer is
 * cleared then, so nothing keeps the process alive. It rejects with the reason the signal was
 * aborted with when the caller gave one (`controller.abort(new InterruptedError('deploy
 * interrupted'))`), and with an InterruptedError when it was aborted without one
 * (`controller.abort()`), which the CLI reports as an interruption (exit 130).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  // `abort()` without a reason sets a DOMException named AbortError: that is "the user stopped".
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new InterruptedError();
}
