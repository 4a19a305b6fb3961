/**
 * advise as one self-contained HTML page, built from the report's own components (styles,
 * inlined vega bundles, chart conventions, tables, escaping, page script), so it looks and
 * behaves like report.html: offline, locked down by a Content-Security-Policy.
 */
import type { TopLevelSpec } from 'vega-lite';
import { baseConfig, modeColors } from '../../reports/charts/chart.ts';
import { escapeHtml } from '../system/escape.ts';
import { htmlPage } from '../../reports/html.ts';
import { safetyPanelHtml } from '../../reports/safety-panel.ts';
import { pathToFileURL } from 'node:url';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from '../../reports/format.ts';
import { htmlTable } from '../../reports/tables.ts';
import { requestsPerMonthAt } from '../system/numbers.ts';
import type { FunctionRow } from './all-functions.ts';
import type { Advice } from './model.ts';
import { describeFunction, pricedOnLines, sensitivityCells } from './terminal.ts';
import { assumptionTexts, breakEvenRangeText, lmiMonthCell, savingCell, unknownCpuRankingNote, settingsTexts, breakEvenCell, historyText, narrowCpuText, riskText, settleText, verdictText } from './words.ts';


interface Chart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

function costChart(advice: Advice): Chart {
  const values = advice.curve
    .filter((point) => point.requestsPerSecond > 0)
    .flatMap((point) => [
      { series: 'Lambda', rps: point.requestsPerSecond, usdPerMonth: point.lambdaUsdPerMonth, instances: null },
      { series: 'LMI', rps: point.requestsPerSecond, usdPerMonth: point.lmiUsdPerMonth, instances: point.lmiInstances },
    ]);
  const x = { field: 'rps', type: 'quantitative', title: 'Sustained request rate (req/s, log)', scale: { type: 'log', nice: false } } as const;
  const marks = [
    { rps: advice.traffic.meanRps, label: `your traffic (mean ${formatRps(advice.traffic.meanRps)} req/s)`, color: '#54a24b' },
    ...(advice.breakEvenRequestsPerSecond ? [{ rps: advice.breakEvenRequestsPerSecond, label: `break-even ${formatRps(advice.breakEvenRequestsPerSecond)} req/s`, color: '#d45087' }] : []),
  ]
    .filter((mark) => mark.rps > 0)
    // Each label on its own line (16 px apart), so two rules close together never print their labels on top of each other.
    .map((mark, index) => ({ ...mark, labelY: 10 + 16 * index }));
  return {
    id: 'chart-advise-cost',
    title: 'Monthly cost against sustained request rate',
    caption: 'Both compute types priced for a month at each sustained rate with the settings above (LMI steps up with each instance); the rules mark your mean rate and the break-even rate.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 320,
      layer: [
        {
          data: { values },
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'usdPerMonth', type: 'quantitative', title: '$ per month (log)', scale: { type: 'log' } },
            color: { field: 'series', type: 'nominal', title: 'Mode', scale: modeColors },
            tooltip: [
              { field: 'series', title: 'Mode' },
              { field: 'rps', title: 'Request rate (req/s)', format: ',.3~f' },
              { field: 'usdPerMonth', title: '$ per month', format: '$,.2f' },
              { field: 'instances', title: 'LMI instances' },
            ],
          },
        },
        {
          data: { values: marks },
          layer: [
            { mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'rps', type: 'quantitative' }, color: { field: 'color', type: 'nominal', scale: null } } },
            { mark: { type: 'text', align: 'left', dx: 4, dy: -6, fontWeight: 'bold' }, encoding: { x: { field: 'rps', type: 'quantitative' }, y: { field: 'labelY', type: 'quantitative', scale: null }, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } } },
          ],
        },
      ],
    },
  };
}

function section(id: string, title: string, content: string[]): string {
  return `<section id="section-${id}">\n<h2>${escapeHtml(title)}</h2>\n${content.filter(Boolean).join('\n')}\n</section>`;
}

function comparisonTable(advice: Advice): string {
  const { lambda, lmi } = advice;
  const instances = lmi.instancesMin === lmi.instances ? `${lmi.instances}` : `${lmi.instancesMin}–${lmi.instances}`;
  return htmlTable(
    [{ header: '' }, { header: 'standard Lambda' }, { header: 'LMI' }],
    [
      ['Monthly cost', formatUsd(lambda.usdPerMonth), formatUsd(lmi.usdPerMonth)],
      ['Compute', `${lambda.memoryMb} MB ${lambda.architecture}, ${formatMs(lambda.meanDurationMs)} ms per request`, `${instances} × ${lmi.instanceType}, ${formatCount(Math.round(lmi.instanceHoursPerMonth))} instance-hours a month`],
      ['Settings', '', `${lmi.settings.memoryMb} MB, ${lmi.settings.gibPerVcpu} GiB per vCPU, max ${lmi.settings.maxConcurrency} per environment, min ${lmi.settings.minEnvironments} environments`],
      ['Saving', '', `${formatUsd(advice.savingUsdPerMonth)} a month${advice.savingShare === null ? '' : ` (${formatPct(advice.savingShare)})`}`],
      [
        'Break-even',
        '',
        advice.breakEvenRequestsPerSecond === null
          ? 'none up to 100,000 req/s'
          : advice.breakEvenRange
            ? breakEvenRangeText(advice.breakEvenRange)
            : `${formatRps(advice.breakEvenRequestsPerSecond)} req/s = ${formatCount(Math.round(requestsPerMonthAt(advice.breakEvenRequestsPerSecond)))} requests a month`,
      ],
    ],
    { id: 'advise-comparison' },
  );
}

function sensitivityTable(advice: Advice): string {
  if (!advice.sensitivity) return '';
  return [
    '<h3>From all-waiting to all-CPU</h3>',
    '<p class="caption">CPU time per request was not given: the same month with each share of the duration spent on CPU.</p>',
    htmlTable(
      [{ header: 'CPU ms per request', numeric: true }, { header: 'share', numeric: true }, { header: 'LMI $/month', numeric: true }, { header: 'instances', numeric: true }, { header: 'saving $/month', numeric: true }, { header: 'break-even req/s', numeric: true }],
      sensitivityCells(advice),
      { id: 'advise-sensitivity' },
    ),
  ].join('\n');
}

function list(id: string, items: string[]): string {
  return `<ul class="assumptions" id="${escapeHtml(id)}">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function adviceBody(advice: Advice, chart: Chart): string {
  const settle = settleText(advice);
  const history = historyText(advice);
  const question = advice.runsOn === 'lmi' ? `${advice.function.name ?? 'This function'} runs on LMI: what would standard Lambda cost?` : `Should ${advice.function.name ?? 'this function'} move to LMI?`;
  return [
    `<header><h1>${escapeHtml(question)}</h1>`,
    // Before the verdict and any cost: whether the handler is safe to run concurrently at all.
    advice.safetyGate ? safetyPanelHtml(advice.safetyGate, advice.safety.state === 'found' ? pathToFileURL(advice.safety.check.path).href : null) : '',
    history ? `<p class="warning" id="short-history">${escapeHtml(history)}</p>` : '',
    `<p class="subtitle">${escapeHtml(describeFunction(advice))}. Traffic: ${escapeHtml(advice.traffic.name)}, ${escapeHtml(formatCount(Math.round(advice.traffic.requestsPerMonth)))} requests a month (mean ${escapeHtml(formatRps(advice.traffic.meanRps))} req/s, peak ${escapeHtml(formatRps(advice.traffic.peakRps))} req/s).</p>`,
    `<p class="verdict" id="verdict" data-decision="${escapeHtml(advice.decision)}">${escapeHtml(verdictText(advice))}</p>`,
    settle ? `<p class="basis" id="settle">${escapeHtml(settle)}</p>` : '',
    `</header>`,
    section('comparison', 'A month on each', [comparisonTable(advice), `<p class="priced-on" id="priced-on">Priced on: ${escapeHtml(advice.lmi.instanceChoice.summary)}</p>`, sensitivityTable(advice)]),
    section('cost', 'Cost', [
      `<h3>${escapeHtml(chart.title)}</h3>\n<p class="caption">${escapeHtml(chart.caption)}</p>\n<div class="chart" id="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.title)}"></div>`,
    ]),
    section('settings', 'LMI settings and why', [list('settings-why', settingsTexts(advice))]),
    section('risks', 'Risks', [list('risks', advice.risks.map((risk) => `${risk.severity === 'warning' ? 'Warning: ' : 'Check: '}${riskText(risk)}`))]),
    section('assumptions', 'Assumptions', [list('assumptions', assumptionTexts(advice)), `<p class="basis">Prices: ${escapeHtml(advice.prices.source)} (${escapeHtml(advice.region)}, as of ${escapeHtml(advice.prices.asOf)}).</p>`]),
  ].join('\n');
}

function rankingBody(rows: readonly FunctionRow[]): string {
  let rank = 0;
  const table = htmlTable(
    [{ header: 'rank', numeric: true }, { header: 'function', wrap: true }, { header: 'requests/month', numeric: true }, { header: 'Lambda $/month', numeric: true }, { header: 'LMI $/month', numeric: true }, { header: 'saving $/month', numeric: true }, { header: 'break-even req/s', numeric: true }, { header: 'verdict', wrap: true }],
    rows.map((row) =>
      row.state === 'failed'
        ? ['-', row.name, '', '', '', '', '', `failed: ${row.reason}`]
        : [
            row.state === 'advised' ? String(++rank) : '-',
            row.name,
            formatCount(Math.round(row.advice.traffic.requestsPerMonth)),
            formatUsd(row.advice.lambda.usdPerMonth),
            lmiMonthCell(row.advice),
            savingCell(row.advice),
            breakEvenCell(row.advice),
            row.state === 'no-traffic' ? 'no traffic' : verdictText(row.advice),
          ],
    ),
    { id: 'advise-ranking' },
  );
  const unknownCpu = rows.some((row) => row.state !== 'failed' && row.advice.lmi.cpuMsAssumed);
  const caveat = unknownCpu
    ? `<p class="basis" id="cpu-caveat">${escapeHtml(`${unknownCpuRankingNote}: ${narrowCpuText}.`)}</p>`
    : '';
  const pricedOn = pricedOnLines(rows).map((summary) => `<p class="priced-on">Priced on: ${escapeHtml(summary)}</p>`);
  return [`<header><h1>Which functions should move to LMI?</h1><p class="subtitle">${rows.length} functions, ranked by monthly saving.</p></header>`, section('ranking', 'Functions', [table, caveat, ...pricedOn])].join('\n');
}

function page(title: string, body: string, charts: Chart[], data: unknown): string {
  return htmlPage({
    title,
    pageId: 'advise',
    main: `${body}
<p><a id="download-run" download="advice.json" href="#">Download the figures as JSON</a> (embedded in this page).</p>
<footer>Generated by lmi-bench advise. Charts: vega-lite, rendered in this page from the data embedded in it; nothing is fetched from the network.</footer>`,
    charts,
    data,
  });
}

export function adviceHtml(advice: Advice): string {
  const chart = costChart(advice);
  return page(`lmi-bench advise: ${advice.function.name ?? 'what-if'}`, adviceBody(advice, chart), [chart], advice);
}

/** `fleetSection`: the capacity-provider proposal for these functions (fleet-render.ts), under the ranking. */
export function rankingHtml(rows: readonly FunctionRow[], fleetSection = ''): string {
  return page('lmi-bench advise: all functions', `${rankingBody(rows)}\n${fleetSection}`, [], { functions: rows });
}
