/**
 * Findings grouped by cause (a module variable, a /tmp path, the leaked fields): a handler that
 * keeps the request in one module variable yields one finding per affected response, hundreds
 * in a run, all of one cause. The summaries show each cause once, with its count and one
 * example; --json keeps every finding.
 */
import type { Finding, OracleName, Severity } from './findings.ts';

export interface FindingGroup {
  cause: string;
  /** error when any of its findings is one. */
  severity: Severity;
  count: number;
  byOracle: Partial<Record<OracleName, number>>;
  /** Rounds its findings were seen in (empty when they sum up all rounds). */
  rounds: number[];
  /** The first finding of the cause (an error when there is one). */
  example: Finding;
}

/** Errors first, then the most findings, then by cause (a stable order for a given run). */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.cause);
    if (!group) {
      groups.set(finding.cause, {
        cause: finding.cause,
        severity: finding.severity,
        count: 1,
        byOracle: { [finding.oracle]: 1 },
        rounds: finding.round === null ? [] : [finding.round],
        example: finding,
      });
      continue;
    }
    group.count++;
    group.byOracle[finding.oracle] = (group.byOracle[finding.oracle] ?? 0) + 1;
    if (finding.round !== null && !group.rounds.includes(finding.round)) group.rounds.push(finding.round);
    if (finding.severity === 'error' && group.severity === 'warning') {
      group.severity = 'error';
      group.example = finding;
    }
  }
  const rank = { error: 0, warning: 1 } as const;
  return [...groups.values()]
    .map((group) => ({ ...group, rounds: [...group.rounds].sort((a, b) => a - b) }))
    .sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || a.cause.localeCompare(b.cause));
}

/** "216 findings (108 cross-talk, 108 differential) in rounds 1–8". */
export function groupCounts(group: FindingGroup): string {
  const oracles = Object.entries(group.byOracle).map(([oracle, n]) => `${n} ${oracle}`);
  const rounds = group.rounds.length === 0 ? 'over all rounds' : group.rounds.length === 1 ? `in round ${group.rounds[0]}` : `in rounds ${group.rounds[0]}–${group.rounds.at(-1)}`;
  return `${group.count} finding${group.count === 1 ? '' : 's'} (${oracles.join(', ')}) ${rounds}`;
}
