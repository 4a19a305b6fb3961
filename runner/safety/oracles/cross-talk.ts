/**
 * Cross-talk: a response that holds another overlapping invocation's request id, or a value
 * that only that invocation's event holds, was built (at least partly) from that request.
 */
import { distinctiveValues, type SafetyEvent } from '../events.ts';
import { changedStateCause, overlap, shortId, type Finding, type Invocation, type Round } from '../findings.ts';
import { leaves, parseBody } from '../json-leaves.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The strings and numbers a response carries (its raw text when it is not JSON). */
function responseValues(body: string): { strings: string[]; numbers: Set<number> } {
  const parsed = parseBody(body);
  if (parsed === undefined) return { strings: [body], numbers: new Set() };
  const strings: string[] = [];
  const numbers = new Set<number>();
  for (const value of leaves(parsed).values()) {
    if (typeof value === 'string') strings.push(value);
    else if (typeof value === 'number') numbers.add(value);
  }
  return { strings, numbers };
}

function holds(values: { strings: string[]; numbers: Set<number> }, value: string | number): boolean {
  if (typeof value === 'string') return values.strings.some((s) => s.includes(value));
  if (values.numbers.has(value)) return true;
  // A number inside a string, as a whole token: 1234 in "total 1234 EUR", not in "a1234f" or "11234".
  const token = new RegExp(`(?<![0-9A-Za-z.])${escapeRegExp(String(value))}(?![0-9A-Za-z]|\\.[0-9])`);
  return values.strings.some((s) => token.test(s));
}

export function crossTalk(round: Round, events: SafetyEvent[]): Finding[] {
  const distinct = events.map(distinctiveValues);
  const findings: Finding[] = [];
  for (const victim of round.invocations) {
    const values = responseValues(victim.body);
    const own = distinct[victim.eventIndex] ?? new Map();
    const evidence: string[] = [];
    const sources: string[] = [];
    const leaked = new Set<string>();
    for (const other of round.invocations) {
      if (other === victim || !overlap(victim, other)) continue;
      const seen: string[] = [];
      if (victim.body.includes(other.requestId)) {
        seen.push(`its request id ${other.requestId}`);
        leaked.add('the request id');
      }
      if (other.eventIndex !== victim.eventIndex) {
        for (const [key, { path, value }] of distinct[other.eventIndex] ?? new Map<string, { path: string; value: string | number }>()) {
          if (own.has(key)) continue;
          if (holds(values, value)) {
            seen.push(`${path} = ${JSON.stringify(value)}`);
            leaked.add(path);
          }
        }
      }
      if (seen.length === 0) continue;
      sources.push(other.requestId);
      evidence.push(`holds request ${shortId(other.requestId)}'s (event ${other.eventIndex + 1}) ${seen.join(', ')}`);
    }
    if (sources.length === 0) continue;
    findings.push({
      oracle: 'cross-talk',
      severity: 'error',
      round: round.index,
      requests: [victim.requestId, ...sources],
      title: `the response to request ${shortId(victim.requestId)} (event ${victim.eventIndex + 1}) carries data of ${sources.length} other concurrent request${sources.length === 1 ? '' : 's'}`,
      evidence: [...evidence, `response (${victim.status}): ${clip(victim.body)}`],
      cause: changedStateCause(victim) ?? `another request's ${[...leaked].sort().join(', ')} in the response`,
    });
  }
  return findings;
}

export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** For the other oracles: which invocations of a round overlapped this one. */
export function overlapping(round: Round, invocation: Invocation): Invocation[] {
  return round.invocations.filter((other) => other !== invocation && overlap(invocation, other));
}
