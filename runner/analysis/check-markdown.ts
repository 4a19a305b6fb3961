/**
 * The check as a Markdown table: for the terminal, $GITHUB_STEP_SUMMARY and PR comments. Text
 * from the runs (workload name, run ids, variant ids, reasons) goes through the same escaping
 * as summary.md: GitHub renders the step summary, so a name must not open markup or a link.
 */
import { escapeMarkdown } from '../system/escape.ts';
import type { CheckResult, CheckRow } from './compare.ts';

const statusMark: Record<CheckRow['status'], string> = { regressed: '❌ regressed', improved: '✅ improved', unchanged: 'unchanged' };

export function rowName(row: CheckRow): string {
  return `${row.variantId} @ ${row.concurrency} ${row.metric}`;
}

/** A row's figure in its unit (ms, req/s, $ per million requests, or a rate in %). */
export function value(row: CheckRow, v: number | null): string {
  if (v === null) return '—';
  if (row.absolute) return `${(v * 100).toFixed(2)}%`;
  if (row.metric === 'cost') return `$${v.toPrecision(4)}`;
  if (row.metric === 'throughput') return `${v.toFixed(1)} req/s`;
  return `${v.toFixed(2)} ms`;
}

/** A change as the row measures it: relative (%) or, for rates, in percentage points. */
export function change(row: CheckRow, v: number | null): string {
  if (v === null) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  const text = `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;
  return row.absolute ? `${text} pt` : `${text}%`;
}

const cell = escapeMarkdown;

/** The verdict in words, shared by the Markdown table and the HTML page. */
export function checkVerdict(result: CheckResult): string {
  return result.counts.regressed > 0 ? `${result.counts.regressed} regressed` : 'no regression';
}

export function renderCheckMarkdown(result: CheckResult): string {
  const { counts } = result;
  const verdict = `**${checkVerdict(result)}**`;
  const lines = [
    `## lmi-bench check: ${cell(result.workload.name)} (${cell(result.workload.runtime)}) on ${result.target}`,
    '',
    `${verdict} · ${counts.improved} improved · ${counts.unchanged} unchanged — candidate ${cell(result.candidate.runId)} against baseline ${cell(result.baseline.runId)}`,
    '',
    `${Math.round(result.options.confidence * 100)}% bootstrap intervals (${result.options.iterations} resamples over trials and requests, seed ${result.options.seed}); a row regresses only when the change is significant and beyond its threshold.`,
    '',
    '| Status | Variant | Concurrency | Metric | Baseline | Candidate | Change | Interval | Threshold |',
    '|---|---|--:|---|--:|--:|--:|--:|--:|',
  ];
  for (const row of result.rows) {
    const variant = row.settingsChange ? `${row.variantId} (${row.settingsChange})` : row.variantId;
    const interval = row.interval ? `${change(row, row.interval.low)} … ${change(row, row.interval.high)}` : '—';
    const threshold = row.threshold === null ? '—' : row.absolute ? `${(row.threshold * 100).toFixed(1)} pt` : `${(row.threshold * 100).toFixed(0)}%`;
    const metric = row.note && row.metric === 'state' ? `state: ${row.note}` : row.metric;
    lines.push(`| ${statusMark[row.status]} | ${cell(variant)} | ${row.concurrency} | ${cell(metric)} | ${value(row, row.baseline)} | ${value(row, row.candidate)} | ${change(row, row.change)} | ${interval} | ${threshold} |`);
  }
  if (result.unmatched.length > 0) {
    lines.push('', 'Not compared (in one run only):', '', ...result.unmatched.map((text) => `- ${cell(text)}`));
  }
  lines.push('');
  return lines.join('\n');
}
