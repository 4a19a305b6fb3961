/** The safety run as JUnit XML: one testcase per oracle; error findings fail it, warnings are its output. */
import { escapeXml } from '../analysis/junit.ts';
import { oracleNames, shortId, type Finding } from './findings.ts';
import type { SafetyResult } from './result.ts';

function describe(finding: Finding): string {
  const where = finding.round === null ? 'all rounds' : `round ${finding.round}`;
  return [`[${finding.severity}, ${where}, requests ${finding.requests.map(shortId).join(' ')}] ${finding.title}`, ...finding.evidence.map((e) => `    ${e}`)].join('\n');
}

export function renderSafetyJunit(result: SafetyResult): string {
  const suite = `lmi-bench safety ${result.workload.name} (${result.workload.runtime}) seed ${result.seed}`;
  const classname = `lmi-bench.safety.${result.workload.name}.${result.workload.runtime}`;
  let failures = 0;
  const cases = oracleNames.map((oracle) => {
    const findings = result.findings.filter((f) => f.oracle === oracle);
    const errors = findings.filter((f) => f.severity === 'error');
    const open = `  <testcase classname="${escapeXml(classname)}" name="${oracle}" time="0">`;
    const text = findings.length === 0 ? 'no finding' : findings.map(describe).join('\n');
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
