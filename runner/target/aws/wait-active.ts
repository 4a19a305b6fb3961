/**
 * Waits, within a bound, until a function version behind an alias can take traffic: State
 * Active and LastUpdateStatus Successful. Publishing an LMI version provisions its minimum
 * environments first (documented 3–5 minutes), so the wait is long but bounded.
 */
import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { sleep as cancellableSleep } from '../../system/sleep.ts';

export interface WaitOptions {
  timeoutMs: number;
  pollMs: number;
  signal?: AbortSignal;
  /** Called on each poll whose answer is not yet final. */
  onWaiting?: (state: { functionName: string; qualifier: string; state: string; lastUpdateStatus: string; elapsedMs: number }) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const defaultWaitOptions = { timeoutMs: 15 * 60_000, pollMs: 10_000 } as const;

export class VersionNotActiveError extends Error {
  override readonly name = 'VersionNotActiveError';
}

export async function waitUntilActive(client: LambdaClient, functionName: string, qualifier: string, options: WaitOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? cancellableSleep;
  const startedMs = now();
  for (;;) {
    options.signal?.throwIfAborted();
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: qualifier }), {
      ...(options.signal ? { abortSignal: options.signal } : {}),
    });
    const state = config.State ?? 'Unknown';
    const lastUpdateStatus = config.LastUpdateStatus ?? 'Unknown';
    if (state === 'Active' && lastUpdateStatus === 'Successful') return;
    if (state === 'Failed' || lastUpdateStatus === 'Failed') {
      const reason = config.StateReason ?? config.LastUpdateStatusReason ?? 'no reason given';
      throw new VersionNotActiveError(`${functionName}:${qualifier} failed to become active: ${reason} (${config.StateReasonCode ?? config.LastUpdateStatusReasonCode ?? 'no code'})`);
    }
    const elapsedMs = now() - startedMs;
    if (elapsedMs >= options.timeoutMs) {
      throw new VersionNotActiveError(
        `${functionName}:${qualifier} is still ${state}/${lastUpdateStatus} after ${Math.round(elapsedMs / 1000)} s (limit ${Math.round(options.timeoutMs / 1000)} s)`,
      );
    }
    options.onWaiting?.({ functionName, qualifier, state, lastUpdateStatus, elapsedMs });
    await sleep(Math.min(options.pollMs, options.timeoutMs - elapsedMs), options.signal);
  }
}

