/**
 * The safety run as JUnit XML: one testcase per oracle; error findings fail it, warnings are its
 * output. Its findings are grouped by cause (count and one example each); --json has them all.
 */
import { escapeXml } from '../analysis/junit.ts';
import { oracleNames, shortId } from './findings.ts';
import { groupCounts, type FindingGroup, groupFindings } from './finding-groups.ts';
import type { SafetyResult } from './result.ts';

function describe(group: FindingGroup): string {
  const { example } = group;
  const where = example.round === null ? 'all rounds' : `round ${example.round}`;
  return [
    `[${group.severity}] ${group.cause}: ${groupCounts(group)}`,
    `  e.g. [${where}, requests ${example.requests.slice(0, 4).map(shortId).join(' ')}] ${example.title}`,
    ...example.evidence.map((e) => `    ${e}`),
  ].join('\n');
}

export function renderSafetyJunit(result: SafetyResult): string {
  const suite = `lmi-bench safety ${result.workload.name} (${result.workload.runtime}) seed ${result.seed}`;
  const classname = `lmi-bench.safety.${result.workload.name}.${result.workload.runtime}`;
  let failures = 0;
  const cases = oracleNames.map((oracle) => {
    const findings = result.findings.filter((f) => f.oracle === oracle);
    const errors = findings.filter((f) => f.severity === 'error');
    const open = `  <testcase classname="${escapeXml(classname)}" name="${oracle}" time="0">`;
    const text = findings.length === 0 ? 'no finding' : groupFindings(findings).map(describe).join('\n');
    if (errors.length > 0) {
      failures++;
      const message = `${errors.length} error finding${errors.length === 1 ? '' : 's'} (seed ${result.seed})`;
      return `${open}\n    <failure message="${escapeXml(message)}" type="${oracle}">${escapeXml(text)}</failure>\n  </testcase>`;
    }
    return `${open}\n    <system-out>${escapeXml(text)}</system-out>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${escapeXml(suite)}" tests="${oracleNames.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
