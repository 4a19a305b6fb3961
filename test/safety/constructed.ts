/** Rounds built by hand for the oracles' unit tests: request ids, events and hook records. */
import type { FileUse, HookRecord, Invocation, Round } from '../../runner/safety/findings.ts';

export function id(n: number): string {
  return `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

export function invocation(n: number, eventIndex: number, body: unknown, window: [number, number], record: Partial<HookRecord> = {}, status = 200): Invocation {
  const requestId = id(n);
  return {
    requestId,
    eventIndex,
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    sentMs: window[0] - 1,
    receivedMs: window[1] + 1,
    record: { requestId, startMs: window[0], endMs: window[1], worker: '1/1', files: [], globals: [], pending: [], ...record },
  };
}

export function round(invocations: Invocation[], index = 1): Round {
  return { index, concurrency: invocations.length, invocations };
}

export function files(...uses: [string, 'r' | 'w' | 'rw'][]): FileUse[] {
  return uses.map(([path, access]) => ({ path, read: access.includes('r'), write: access.includes('w') }));
}
