/** The safety run as JUnit XML: one testcase per oracle; error findings fail it, warnings are its output. */
import { renderJunitSuite, type JunitCase } from '../system/junit.ts';
import { oracleNames, shortId, type Finding } from './findings.ts';
import type { SafetyResult } from './result.ts';

function describe(finding: Finding): string {
  const where = finding.round === null ? 'all rounds' : `round ${finding.round}`;
  return [`[${finding.severity}, ${where}, requests ${finding.requests.map(shortId).join(' ')}] ${finding.title}`, ...finding.evidence.map((e) => `    ${e}`)].join('\n');
}

export function renderSafetyJunit(result: SafetyResult): string {
  const suite = `lmi-bench safety ${result.workload.name} (${result.workload.runtime}) seed ${result.seed}`;
  const classname = `lmi-bench.safety.${result.workload.name}.${result.workload.runtime}`;
  const cases = oracleNames.map((oracle): JunitCase => {
    const findings = result.findings.filter((f) => f.oracle === oracle);
    const errors = findings.filter((f) => f.severity === 'error');
    const text = findings.length === 0 ? 'no finding' : findings.map(describe).join('\n');
    if (errors.length === 0) return { classname, name: oracle, output: text };
    const message = `${errors.length} error finding${errors.length === 1 ? '' : 's'} (seed ${result.seed})`;
    return { classname, name: oracle, failure: { message, type: oracle, text } };
  });
  return renderJunitSuite(suite, cases);
}
