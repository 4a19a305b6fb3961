/**
 * Mutated module state (warning): globals an invocation assigned (Node: globalThis properties
 * and process.env) or changed (Python: the workload's module globals). Not wrong by itself,
 * but state that outlives a request is what concurrent requests trip over. One finding per
 * global, over every round.
 */
import { shortId, type Finding, type Round } from '../findings.ts';

export function moduleState(rounds: Round[]): Finding[] {
  const writers = new Map<string, { requests: string[]; rounds: Set<number> }>();
  for (const round of rounds) {
    for (const invocation of round.invocations) {
      for (const name of invocation.record?.globals ?? []) {
        const entry = writers.get(name) ?? { requests: [], rounds: new Set<number>() };
        entry.requests.push(invocation.requestId);
        entry.rounds.add(round.index);
        writers.set(name, entry);
      }
    }
  }
  const total = rounds.reduce((sum, round) => sum + round.invocations.length, 0);
  return [...writers].map(([name, { requests, rounds: seenIn }]) => ({
    oracle: 'module-state' as const,
    severity: 'warning' as const,
    round: null,
    requests,
    title: `${name} changed during ${requests.length} of ${total} invocations`,
    evidence: [
      `rounds ${[...seenIn].sort((a, b) => a - b).join(', ')}; e.g. requests ${requests.slice(0, 3).map(shortId).join(', ')}`,
      'state kept between requests is shared by every request running at the same time in the environment',
    ],
  }));
}
