/**
 * `check --html`: the comparison of a candidate run with its baseline as one self-contained page
 * (the report's shell: inlined style and vega, CSP, no network). The verdict comes first; then,
 * level by level, latency and cost of both runs side by side, each significant change beyond its
 * threshold marked; then every compared row with its interval, and a p99 chart of both runs.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CheckResult, CheckRow, RowStatus } from '../runner/analysis/compare.ts';
import type { MetricName } from '../runner/analysis/thresholds.ts';
import { change, checkVerdict, value } from '../runner/analysis/check-markdown.ts';
import { escapeHtml } from '../runner/system/escape.ts';
import { baseConfig } from './charts/chart.ts';
import { formatDateTime } from './format.ts';
import { htmlPage } from './html.ts';

/** The figures shown side by side per level; the rates and the state are in the full table. */
const sideBySide: readonly MetricName[] = ['p50', 'p95', 'p99', 'throughput', 'cost'];
const metricTitle: Record<MetricName, string> = {
  p50: 'p50', p95: 'p95', p99: 'p99', throughput: 'throughput',
  'throttle-rate': 'throttle rate', 'error-rate': 'error rate', cost: 'cost / M requests',
};
const statusMark: Record<RowStatus, string> = { regressed: '▲ regressed', improved: '▼ improved', unchanged: '' };

interface LevelKey {
  key: string;
  label: string;
  concurrency: number;
  rows: CheckRow[];
}

function levels(result: CheckResult): LevelKey[] {
  const byKey = new Map<string, LevelKey>();
  for (const row of result.rows) {
    const key = `${row.variantId}|${row.concurrency}`;
    const label = row.settingsChange ? `${row.variantId} (${row.settingsChange})` : row.variantId;
    const level = byKey.get(key) ?? { key, label, concurrency: row.concurrency, rows: [] };
    level.rows.push(row);
    byKey.set(key, level);
  }
  return [...byKey.values()];
}

function figureCell(row: CheckRow | undefined): string {
  if (!row) return '<td class="num">—</td>';
  const mark = statusMark[row.status];
  return `<td class="num change-${row.status}" data-metric="${escapeHtml(row.metric)}" data-status="${row.status}">` +
    `<span class="base">${escapeHtml(value(row, row.baseline))}</span> → <span class="cand">${escapeHtml(value(row, row.candidate))}</span>` +
    `<br><span class="delta">${escapeHtml(change(row, row.change))}${row.significant ? '' : ' (not significant)'}</span>` +
    (mark ? ` <strong class="mark">${escapeHtml(mark)}</strong>` : '') + '</td>';
}

function levelsTable(result: CheckResult): string {
  const head = ['Variant', 'Concurrency', ...sideBySide.map((m) => metricTitle[m]), 'Level']
    .map((h, i) => `<th scope="col"${i > 0 && i <= sideBySide.length + 1 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = levels(result).map((level) => {
    const worst: RowStatus = level.rows.some((r) => r.status === 'regressed') ? 'regressed' : level.rows.some((r) => r.status === 'improved') ? 'improved' : 'unchanged';
    const state = level.rows.find((r) => r.metric === 'state');
    const cells = sideBySide.map((metric) => figureCell(level.rows.find((r) => r.metric === metric))).join('');
    const note = state?.note ?? (worst === 'unchanged' ? 'unchanged' : `${level.rows.filter((r) => r.status === worst).map((r) => r.metric).join(', ')} ${worst}`);
    return `<tr data-level="${escapeHtml(level.key)}" data-status="${worst}"><td>${escapeHtml(level.label)}</td><td class="num">${level.concurrency}</td>${cells}<td class="wrap change-${worst}">${escapeHtml(note)}</td></tr>`;
  });
  return `<div class="table-wrap"><table id="check-levels"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

function rowsTable(result: CheckResult): string {
  const head = ['Status', 'Variant', 'Concurrency', 'Metric', 'Baseline', 'Candidate', 'Change', 'Interval', 'Threshold']
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = result.rows.map((row) => {
    const interval = row.interval ? `${change(row, row.interval.low)} … ${change(row, row.interval.high)}` : '—';
    const threshold = row.threshold === null ? '—' : row.absolute ? `${(row.threshold * 100).toFixed(1)} pt` : `${(row.threshold * 100).toFixed(0)}%`;
    const metric = row.note ? `${row.metric}: ${row.note}` : row.metric;
    const cells = [row.status, row.settingsChange ? `${row.variantId} (${row.settingsChange})` : row.variantId, String(row.concurrency), metric,
      value(row, row.baseline), value(row, row.candidate), change(row, row.change), interval, threshold];
    return `<tr class="change-${row.status}">${cells.map((c, i) => `<td${i >= 4 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table id="check-rows"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

function p99Chart(result: CheckResult): { id: string; spec: TopLevelSpec } | null {
  const values = result.rows.filter((r) => r.metric === 'p99' && r.baseline !== null && r.candidate !== null).flatMap((r) => [
    { variant: r.variantId, run: 'baseline', concurrency: r.concurrency, p99Ms: r.baseline },
    { variant: r.variantId, run: 'candidate', concurrency: r.concurrency, p99Ms: r.candidate },
  ]);
  if (values.length === 0) return null;
  return {
    id: 'chart-check-p99',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 280,
      data: { values },
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'concurrency', type: 'quantitative', title: 'Concurrency' },
        y: { field: 'p99Ms', type: 'quantitative', title: 'p99 latency (ms)' },
        color: { field: 'variant', type: 'nominal', title: 'Variant' },
        strokeDash: { field: 'run', type: 'nominal', title: 'Run', scale: { domain: ['baseline', 'candidate'], range: [[1, 0], [6, 3]] } },
        tooltip: [{ field: 'variant' }, { field: 'run' }, { field: 'concurrency' }, { field: 'p99Ms', title: 'p99 (ms)', format: ',.1f' }],
      },
    },
  };
}

export function checkHtml(result: CheckResult): string {
  const { counts } = result;
  const chart = p99Chart(result);
  const verdictClass = counts.regressed > 0 ? 'verdict regressed' : 'verdict';
  const main = [
    `<h1>lmi-bench check: ${escapeHtml(result.workload.name)} (${escapeHtml(result.workload.runtime)}) on ${escapeHtml(result.target)}</h1>`,
    `<p class="${verdictClass}" id="verdict" data-regressed="${counts.regressed}">${escapeHtml(checkVerdict(result))} · ${counts.improved} improved · ${counts.unchanged} unchanged</p>`,
    `<p class="basis" id="runs">Candidate <strong id="candidate-run">${escapeHtml(result.candidate.runId)}</strong> (${escapeHtml(formatDateTime(result.candidate.startedAt))}) against baseline <strong id="baseline-run">${escapeHtml(result.baseline.runId)}</strong> (${escapeHtml(formatDateTime(result.baseline.startedAt))}). ` +
      `${Math.round(result.options.confidence * 100)}% bootstrap intervals (${result.options.iterations} resamples, seed ${result.options.seed}); a change is marked only when it is significant and beyond its threshold.</p>`,
    '<section id="section-levels">\n<h2>Level by level</h2>',
    '<p class="caption">Each cell: the baseline\'s figure → the candidate\'s (latency in ms, throughput in req/s, cost in $ per million requests), then the change. ▲ a significant change beyond its threshold for the worse, ▼ for the better.</p>',
    levelsTable(result),
    '</section>',
    chart ? `<section id="section-p99">\n<h2>p99 latency, both runs</h2>\n<div class="chart" id="${chart.id}" role="img" aria-label="p99 latency of both runs"></div>\n</section>` : '',
    `<section id="section-rows">\n<h2>Every compared figure</h2>\n${rowsTable(result)}\n</section>`,
    result.unmatched.length > 0 ? `<section id="section-unmatched">\n<h2>Not compared (in one run only)</h2>\n<ul>${result.unmatched.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>\n</section>` : '',
    '<p><a id="download-run" download="check.json" href="#">Download the comparison as JSON</a> (embedded in this page).</p>',
    '<footer>Generated by lmi-bench check. Nothing is fetched from the network.</footer>',
  ].filter(Boolean).join('\n');
  return htmlPage({
    title: `lmi-bench check: ${result.workload.name} (${result.candidate.runId} against ${result.baseline.runId})`,
    pageId: `check-${result.candidate.runId}`,
    main,
    charts: chart ? [chart] : [],
    data: result,
  });
}
