/**
 * Work that outlives its invocation (warning): timers, immediates and promises an invocation
 * started that were still pending when its response was sent. On LMI that work runs on while
 * the environment serves other requests (and on standard Lambda it is frozen mid-way).
 * One finding per kind of work, over every round.
 */
import { shortId, type Finding, type Round } from '../findings.ts';

export function outlivingWork(rounds: Round[]): Finding[] {
  const byKind = new Map<string, { requests: Set<string>; count: number; details: Map<string, number> }>();
  for (const round of rounds) {
    for (const invocation of round.invocations) {
      for (const { kind, detail } of invocation.record?.pending ?? []) {
        const entry = byKind.get(kind) ?? { requests: new Set<string>(), count: 0, details: new Map<string, number>() };
        entry.requests.add(invocation.requestId);
        entry.count++;
        entry.details.set(detail, (entry.details.get(detail) ?? 0) + 1);
        byKind.set(kind, entry);
      }
    }
  }
  return [...byKind].map(([kind, { requests, count, details }]) => {
    const ids = [...requests];
    return {
      oracle: 'outliving-work' as const,
      severity: 'warning' as const,
      round: null,
      requests: ids,
      title: `${count} ${kind}${count === 1 ? '' : 's'} still pending when the response was sent, in ${ids.length} invocation${ids.length === 1 ? '' : 's'}`,
      cause: `${kind}s still pending after the response`,
      evidence: [
        ...[...details].slice(0, 5).map(([detail, n]) => `${n} × ${detail}`),
        `e.g. requests ${ids.slice(0, 3).map(shortId).join(', ')}`,
      ],
    };
  });
}
