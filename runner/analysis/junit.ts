/**
 * The check as JUnit XML (written by runner/system/junit.ts): one testcase per compared row, a
 * failure for each regressed row.
 */
import type { CheckResult, CheckRow } from './compare.ts';
import { rowName } from './check-markdown.ts';
import { renderJunitSuite, type JunitCase } from '../system/junit.ts';

function describe(row: CheckRow): string {
  if (row.metric === 'state') return row.note ?? 'the candidate did not measure this level';
  const pct = (v: number): string => `${(v * 100).toFixed(2)}${row.absolute ? ' pt' : '%'}`;
  const parts = [`baseline ${row.baseline}, candidate ${row.candidate}, change ${row.change === null ? '—' : pct(row.change)}`];
  if (row.interval) parts.push(`interval ${pct(row.interval.low)} … ${pct(row.interval.high)}`);
  if (row.threshold !== null) parts.push(`threshold ${pct(row.threshold)}`);
  if (row.settingsChange) parts.push(`settings ${row.settingsChange}`);
  return parts.join('; ');
}

export function renderJunit(result: CheckResult): string {
  const suite = `lmi-bench check ${result.workload.name} (${result.workload.runtime})`;
  const cases = result.rows.map((row): JunitCase => {
    const classname = `lmi-bench.${row.mode}.${row.variantId}.c${row.concurrency}`;
    return row.status === 'regressed'
      ? { classname, name: rowName(row), failure: { message: `${rowName(row)} regressed`, type: 'regression', text: describe(row) } }
      : { classname, name: rowName(row), output: `${row.status}: ${describe(row)}` };
  });
  return renderJunitSuite(suite, cases);
}
