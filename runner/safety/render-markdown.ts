/**
 * The safety run as Markdown: the seed that reproduces it, one row per oracle, then the findings
 * grouped by cause, each cause once with its count and one example (the first ones with their
 * evidence); every finding is in --json. Printed to stdout and appended to $GITHUB_STEP_SUMMARY,
 * so it sits in the same CI job as `check`.
 */
import { oracleNames, oracleSeverity, shortId, type Finding } from './findings.ts';
import { groupCounts, groupFindings, type FindingGroup } from './finding-groups.ts';
import type { SafetyResult } from './result.ts';

/** Causes shown with their example's evidence; the rest with the example's title only. */
const withEvidence = 10;
/** Causes named at all (a step summary holds 1 MiB); --json holds every finding. */
const named = 200;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function exampleLine(finding: Finding): string {
  const where = finding.round === null ? 'all rounds' : `round ${finding.round}`;
  const requests = finding.requests.slice(0, 4).map((r) => `\`${shortId(r)}\``).join(', ') + (finding.requests.length > 4 ? ', …' : '');
  return `e.g. **${finding.oracle}** (${where}; requests ${requests}): ${finding.title}`;
}

function groupLines(group: FindingGroup, n: number, evidence: boolean): string[] {
  const lines = [`${n}. **${group.cause}** (${group.severity}): ${groupCounts(group)}`, `   ${exampleLine(group.example)}`];
  if (evidence && group.example.evidence.length > 0) lines.push('   ```', ...group.example.evidence.map((e) => `   ${e}`), '   ```');
  return lines;
}

export function renderSafetyMarkdown(result: SafetyResult): string {
  const { errors, warnings } = result.counts;
  const levels = result.rounds.map((r) => r.concurrency);
  const lines = [
    `## lmi-bench safety: ${result.workload.name} (${result.workload.runtime}): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    '',
    `Seed **${result.seed}**: \`${result.reproduce}\` replays the same events, rounds and start order.`,
    `${plural(result.rounds.length, 'round')} in one LMI environment at concurrency ${levels.length > 0 ? `${Math.min(...levels)}–${Math.max(...levels)}` : '—'} (maxConcurrency ${result.maxConcurrency}), ${result.events.count} ${result.events.source === 'file' ? 'events from --events' : 'generated events'}, each also run alone twice, over a second apart, in fresh environments.${result.stoppedEarly ? ' Stopped at the first error (--fail-fast).' : ''}`,
    '',
    '| oracle | severity | findings |',
    '|---|---|---|',
    ...oracleNames.map((name) => {
      const count = result.counts.byOracle[name];
      return `| ${name} | ${oracleSeverity[name]} | ${count.errors + count.warnings} |`;
    }),
  ];
  if (result.findings.length > 0) {
    const groups = groupFindings(result.findings);
    lines.push('', `### Findings by cause: ${plural(result.findings.length, 'finding')}, ${plural(groups.length, 'cause')}`, '');
    groups.slice(0, named).forEach((group, i) => lines.push(...groupLines(group, i + 1, i < withEvidence)));
    if (groups.length > named) lines.push('', `… and ${groups.length - named} more causes.`);
    lines.push('', 'Every finding, with its requests and evidence, is in the --json result.');
  } else {
    lines.push('', 'No finding: every response matched its request and its lone runs, and no file, global or pending work crossed requests.');
  }
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `> ${note}`));
  return lines.join('\n');
}
