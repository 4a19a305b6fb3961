/**
 * The safety run as JUnit XML: one testcase per oracle; error findings fail it, warnings are its
 * output. Its findings are grouped by cause (count and one example each); --json has them all.
 */
import { renderJunitSuite, type JunitCase } from '../system/junit.ts';
import { oracleNames, shortId } from './findings.ts';
import { groupCounts, groupFindings, type FindingGroup } from './finding-groups.ts';
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
  const cases = oracleNames.map((oracle): JunitCase => {
    const findings = result.findings.filter((f) => f.oracle === oracle);
    const errors = findings.filter((f) => f.severity === 'error');
    const text = findings.length === 0 ? 'no finding' : groupFindings(findings).map(describe).join('\n');
    if (errors.length === 0) return { classname, name: oracle, output: text };
    const message = `${errors.length} error finding${errors.length === 1 ? '' : 's'} (seed ${result.seed})`;
    return { classname, name: oracle, failure: { message, type: oracle, text } };
  });
  return renderJunitSuite(suite, cases);
}
