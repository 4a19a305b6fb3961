/**
 * The safety run as Markdown: the seed that reproduces it, one row per oracle, then every
 * finding by name (the first ones with their evidence). Printed to stdout and appended to
 * $GITHUB_STEP_SUMMARY, so it sits in the same CI job as `check`.
 */
import { oracleNames, oracleSeverity, shortId, type Finding } from './findings.ts';
import type { SafetyResult } from './result.ts';

/** Findings shown with their evidence; the rest are named on one line each. */
const withEvidence = 10;
/** Findings named at all (one line each; a step summary holds 1 MiB); --json holds every one. */
const named = 1000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingLine(finding: Finding, n: number): string {
  const where = finding.round === null ? 'all rounds' : `round ${finding.round}`;
  const requests = finding.requests.slice(0, 4).map((r) => `\`${shortId(r)}\``).join(', ') + (finding.requests.length > 4 ? ', …' : '');
  return `${n}. **${finding.oracle}** (${finding.severity}, ${where}; requests ${requests}): ${finding.title}`;
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
    // Errors first: they decide the exit code.
    const ordered = [...result.findings.filter((f) => f.severity === 'error'), ...result.findings.filter((f) => f.severity === 'warning')];
    lines.push('', '### Findings', '');
    ordered.slice(0, named).forEach((finding, i) => {
      lines.push(findingLine(finding, i + 1));
      if (i < withEvidence && finding.evidence.length > 0) lines.push('   ```', ...finding.evidence.map((e) => `   ${e}`), '   ```');
    });
    if (ordered.length > named) lines.push('', `… and ${ordered.length - named} more (all of them in --json).`);
  } else {
    lines.push('', 'No finding: every response matched its request and its lone runs, and no file, global or pending work crossed requests.');
  }
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `> ${note}`));
  return lines.join('\n');
}
