/**
 * Differential: each event also ran alone, twice, each time in a fresh environment. Fields
 * that differ between those two lone runs (timestamps, random ids, the request id) are the
 * handler's own variation and are ignored; a concurrent response that differs from the lone
 * one in any other field changed because of the invocations it shared the environment with.
 */
import { changedStateCause, shortId, type Finding, type LoneRuns, type Round } from '../findings.ts';
import { responseLeaves, type Leaf } from '../json-leaves.ts';
import { clip } from './cross-talk.ts';

/** How many diff lines a finding shows; the count says how many there were. */
const shownDiffLines = 8;

type Leaves = Map<string, Leaf | '{}' | '[]'>;

function show(value: Leaf | '{}' | '[]' | undefined): string {
  return value === undefined ? '(absent)' : clip(JSON.stringify(value), 120);
}

/** Paths whose value differs between two responses (present in one only counts). */
function differing(a: Leaves, b: Leaves): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((path) => a.get(path) !== b.get(path));
}

export interface LoneBaseline {
  eventIndex: number;
  reference: Leaves;
  /** Paths the two lone runs disagree on. */
  varying: Set<string>;
}

export function loneBaselines(lone: LoneRuns[]): Map<number, LoneBaseline> {
  const out = new Map<number, LoneBaseline>();
  for (const { eventIndex, runs } of lone) {
    const first = responseLeaves(runs[0].status, runs[0].body);
    const second = responseLeaves(runs[1].status, runs[1].body);
    out.set(eventIndex, { eventIndex, reference: first, varying: new Set(differing(first, second)) });
  }
  return out;
}

export function differential(round: Round, baselines: Map<number, LoneBaseline>): Finding[] {
  const findings: Finding[] = [];
  for (const invocation of round.invocations) {
    const baseline = baselines.get(invocation.eventIndex);
    if (!baseline) continue;
    const concurrent = responseLeaves(invocation.status, invocation.body);
    const paths = differing(baseline.reference, concurrent).filter((path) => !baseline.varying.has(path));
    if (paths.length === 0) continue;
    const diff = paths
      .slice(0, shownDiffLines)
      .flatMap((path) => [`- ${path}: ${show(baseline.reference.get(path))}   (alone)`, `+ ${path}: ${show(concurrent.get(path))}   (concurrent)`]);
    if (paths.length > shownDiffLines) diff.push(`… ${paths.length - shownDiffLines} more field${paths.length - shownDiffLines === 1 ? '' : 's'} differ`);
    findings.push({
      oracle: 'differential',
      severity: 'error',
      round: round.index,
      requests: [invocation.requestId],
      title: `request ${shortId(invocation.requestId)} (event ${invocation.eventIndex + 1}) answered differently than the same event alone: ${paths.length} field${paths.length === 1 ? '' : 's'} (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''})`,
      evidence: diff,
      cause: changedStateCause(invocation) ?? `fields that differ from the lone run: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}`,
    });
  }
  return findings;
}
