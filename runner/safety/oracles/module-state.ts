/**
 * Mutated module state (warning), as LMI runs each runtime:
 * - Node.js: concurrent invocations on one worker thread share its module state. Globals an
 *   invocation assigned (globalThis properties, process.env) and the handler module's own
 *   top-level variables that changed while it ran (module.<name>: a `let currentUser`, a
 *   `const session = {}` whose fields are set) are what concurrent requests trip over.
 * - Python: each concurrent invocation runs in a process of its own, so module globals are per
 *   process, as on standard Lambda: not reported. What the processes do share (/tmp) is the
 *   shared-files oracle's, an error.
 * One finding per global or variable, over every round.
 */
import type { Runtime } from '../../runtimes/registry.ts';
import { shortId, type Finding, type Round } from '../findings.ts';

/** How each runtime's module state is shared on LMI: the line a finding ends with, or null when it is not shared. */
export const moduleStateSharing: Record<Runtime, string | null> = {
  node: 'on LMI concurrent requests run on one worker thread and share its module state: what one request leaves here, another running at the same time reads',
  python: null,
  // Java and .NET threads share static fields, but their bootstraps record no globals (registry
  // safetyHooks): what they share shows in the answers, as cross-talk.
  java: 'on LMI the handler threads share the handler object and every static field',
  dotnet: 'on LMI the handler threads share the handler object and every static field',
  provided: null,
};

export function moduleState(rounds: Round[], runtime: Runtime): Finding[] {
  const sharing = moduleStateSharing[runtime];
  if (sharing === null) return [];
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
    evidence: [`rounds ${[...seenIn].sort((a, b) => a - b).join(', ')}; e.g. requests ${requests.slice(0, 3).map(shortId).join(', ')}`, sharing],
    cause: name,
  }));
}
