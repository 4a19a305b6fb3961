/**
 * The check as JUnit XML, the format CI systems render: one testsuite, one testcase per
 * compared row, a <failure> for each regressed row.
 */
import type { CheckResult, CheckRow } from './compare.ts';
import { rowName } from './check-markdown.ts';

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

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
  const cases = result.rows.map((row) => {
    const classname = `lmi-bench.${row.mode}.${row.variantId}.c${row.concurrency}`;
    const open = `  <testcase classname="${escapeXml(classname)}" name="${escapeXml(rowName(row))}" time="0">`;
    const body = row.status === 'regressed' ? `\n    <failure message="${escapeXml(`${rowName(row)} regressed`)}" type="regression">${escapeXml(describe(row))}</failure>\n  ` : `\n    <system-out>${escapeXml(`${row.status}: ${describe(row)}`)}</system-out>\n  `;
    return `${open}${body}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${escapeXml(suite)}" tests="${result.rows.length}" failures="${result.counts.regressed}" errors="0" skipped="0">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
