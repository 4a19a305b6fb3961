/**
 * The numbers behind every chart, as HTML tables. Every cell goes through escapeHtml, so a
 * table can hold user text (variant labels, reasons) without a second thought.
 */
import type { RunFile } from '../runner/run/run-file.ts';
import { usdPerMillion } from './charts/cost-charts.ts';
import type { LevelDistribution } from './charts/distribution-chart.ts';
import { escapeHtml } from '../runner/system/escape.ts';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from './format.ts';
import { modelledLevels } from './charts/duration-chart.ts';
import { hasRateLevels, levelKey, levelLoadLabel, measuredLevels, modeName, settingsLabel, sortedLevels } from './model.ts';

export interface Column {
  header: string;
  numeric?: boolean;
  /** Long free text (reasons) wraps; everything else stays on one line and the table scrolls. */
  wrap?: boolean;
}

function cellClass(column: Column | undefined): string {
  const classes = [column?.numeric ? 'num' : '', column?.wrap ? 'wrap' : ''].filter(Boolean);
  return classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
}

export function htmlTable(columns: Column[], rows: string[][], options: { id?: string; caption?: string } = {}): string {
  const head = columns.map((column) => `<th${cellClass(column)} scope="col">${escapeHtml(column.header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(columns[index])}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  return `<div class="table-wrap"><table${id}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A right-aligned column of figures. */
export const num = (header: string): Column => ({ header, numeric: true });

/**
 * The levels at a glance: what the verdict rests on (throughput, p50/p99, throttles, errors and
 * the price per million requests), narrow enough for the page's column. The rest of each level's
 * figures are in levelsDetailTable, under it.
 */
export function levelsTable(run: RunFile): string {
  const columns = [
    { header: 'Mode' }, { header: 'Settings', wrap: true }, num(hasRateLevels(run) ? 'Arrival rate' : 'Concurrency'), num('Throughput (req/s)'), num('p50 (ms)'), num('p99 (ms)'),
    num('Throttled'), num('Errors'), { header: 'Instance type (priced)' }, num('$ / M requests'),
  ];
  const rows = measuredLevels(run).map((level) => [
    modeName(level.mode), settingsLabel(level.mode, level.settings), levelLoadLabel(level), formatRps(level.throughputRps),
    formatMs(level.latencyMs.p50), formatMs(level.latencyMs.p99), formatCount(level.requests.throttled), formatCount(level.requests.errors),
    level.cost?.instanceType ?? '—',
    level.cost ? formatUsd(level.cost.usdPerMillionRequests) : '—',
  ]);
  return htmlTable(columns, rows, { id: 'table-levels' });
}

/** Each level's other figures: the rest of the latency distribution, requests, cold starts and capacity. */
export function levelsDetailTable(run: RunFile): string {
  const columns = [
    { header: 'Mode' }, { header: 'Settings', wrap: true }, num(hasRateLevels(run) ? 'Arrival rate' : 'Concurrency'), num('p90 (ms)'), num('p95 (ms)'), num('max (ms)'),
    num('OK'), num('Cold starts'), num('Cold starts in warm-up'), num('Environments'), num('Instances'),
  ];
  const rows = measuredLevels(run).map((level) => [
    modeName(level.mode), settingsLabel(level.mode, level.settings), levelLoadLabel(level),
    formatMs(level.latencyMs.p90), formatMs(level.latencyMs.p95), formatMs(level.latencyMs.max), formatCount(level.requests.ok),
    level.unmeasured?.includes('coldStarts') ? 'not measured' : formatCount(level.coldStarts),
    level.warmup ? formatCount(level.warmup.coldStarts) : '—',
    level.unmeasured?.includes('environments') ? 'not measured' : formatCount(level.environments),
    level.instances === undefined ? '—' : formatCount(level.instances),
  ]);
  return htmlTable(columns, rows, { id: 'table-levels-detail' });
}

/** Standard Lambda's duration per level: measured, its parts, modelled; and INIT's share of the cost. */
export function durationTable(run: RunFile): string | null {
  const levels = modelledLevels(run);
  if (levels.length === 0) return null;
  const optionalMs = (value: number | null): string => (value === null ? '—' : formatMs(value));
  const columns = [
    { header: 'Settings' }, num('Concurrency'), { header: 'Source' }, num('vCPU share'), num('Measured (ms)'), num('CPU (ms)'), num('Waiting for a core (ms)'),
    num('Off-CPU wait (ms)'), num('Modelled (ms)'), num('Invocations'), num('INIT share of $ / M'),
  ];
  const rows = levels.map((level) => {
    const m = level.durationModel;
    return [
      settingsLabel(level.mode, level.settings), String(level.concurrency), m.source === 'local-model' ? 'modelled from this machine' : 'CloudWatch Duration',
      m.vcpuShare.toFixed(3), formatMs(m.measuredMeanMs), optionalMs(m.cpuMeanMs), optionalMs(m.runQueueMeanMs), optionalMs(m.offCpuMeanMs), formatMs(m.modelledMeanMs),
      formatCount(m.invocations), level.cost?.initShare === undefined ? '—' : formatPct(level.cost.initShare),
    ];
  });
  return htmlTable(columns, rows, { id: 'table-duration' });
}

export function trialsTable(run: RunFile): string {
  const columns = [{ header: 'Mode' }, { header: 'Settings' }, num('Concurrency'), num('Trial'), num('Throughput (req/s)'), num('p50 (ms)'), num('p99 (ms)'), num('OK'), num('Throttled'), num('Errors'), { header: 'Window (UTC)' }];
  const rows = measuredLevels(run).flatMap((level) =>
    level.trials.map((trial) => [
      modeName(level.mode), settingsLabel(level.mode, level.settings), String(level.concurrency), String(trial.trial), formatRps(trial.throughputRps),
      formatMs(trial.latencyMs.p50), formatMs(trial.latencyMs.p99),
      formatCount(trial.requests.ok), formatCount(trial.requests.throttled), formatCount(trial.requests.errors),
      `${trial.window.start.slice(11, 19)}–${trial.window.end.slice(11, 19)}`,
    ]),
  );
  return htmlTable(columns, rows, { id: 'table-trials' });
}

export function costCurveTable(run: RunFile): string | null {
  const crossover = run.crossover;
  if (!crossover || crossover.curve.length === 0) return null;
  const columns = [num('Request rate (req/s)'), num('Lambda $ / hour'), num('LMI $ / hour'), num('Lambda $ / M'), num('LMI $ / M'), num('LMI instances'), { header: 'LMI instance type' }];
  const rows = crossover.curve.map((point) => [
    formatRps(point.requestsPerSecond), formatUsd(point.lambdaUsdPerHour), formatUsd(point.lmiUsdPerHour),
    point.requestsPerSecond > 0 ? formatUsd(usdPerMillion(point.lambdaUsdPerHour, point.requestsPerSecond)) : '—',
    point.requestsPerSecond > 0 ? formatUsd(usdPerMillion(point.lmiUsdPerHour, point.requestsPerSecond)) : '—',
    formatCount(point.lmiInstances),
    point.lmiInstanceType ?? '—',
  ]);
  return htmlTable(columns, rows, { id: 'table-cost-curve' });
}

export function monthlyTable(run: RunFile): string | null {
  const profile = run.crossover?.profile;
  if (!profile) return null;
  const columns = [{ header: 'Mode' }, num('$ / month'), num('Requests / month'), { header: 'Note', wrap: true }];
  const byType = Object.entries(profile.lmiInstanceHoursByType ?? {}).map(([type, hours]) => `${type} ${formatCount(Math.round(hours))} instance-h`);
  const risk = profile.throttleRiskMinutesPerMonth === undefined ? '' : ` Throttle risk: ${formatCount(Math.round(profile.throttleRiskMinutesPerMonth))} minutes a month where traffic more than doubles within 5 minutes.`;
  const lag = profile.lag ? ` Scale-out after ${profile.lag.scaleOutDelayMin} min, scale-in after ${profile.lag.scaleInDelayMin} min.` : '';
  return htmlTable(columns, [
    ['Standard Lambda', formatUsd(profile.lambdaUsdPerMonth), formatCount(profile.requestsPerMonth), ''],
    ['LMI', formatUsd(profile.lmiUsdPerMonth), formatCount(profile.requestsPerMonth), `${byType.join(', ')}.${lag}${risk}`.replace(/^\. ?/, '')],
  ], { id: 'table-monthly' });
}

/** The crossover again at LMI commitment discounts of 0, 30%, 50% and 72%. */
export function sensitivityTable(run: RunFile): string | null {
  const sensitivity = run.crossover?.sensitivity;
  if (!sensitivity || sensitivity.length === 0) return null;
  const columns = [num('LMI discount (EC2 part)'), { header: 'Crossover (req/s)', wrap: true }];
  const rows = sensitivity.map((s) => [formatPct(s.lmiDiscount), crossoverList(s.requestsPerSecond)]);
  return htmlTable(columns, rows, { id: 'table-sensitivity', caption: 'Where LMI and standard Lambda cost the same, by LMI commitment discount (the management fee is never discounted)' });
}

/** The floor charged to this function, in words, with its share of LMI's monthly cost under the profile. */
export function floorSentence(run: RunFile): string | null {
  const floor = run.crossover?.floor;
  if (!floor) return null;
  const shared = floor.functionsPerProvider > 1 ? ` (its share of a capacity provider shared by ${floor.functionsPerProvider} functions)` : '';
  const share = run.crossover?.profile?.floorShareOfLmi;
  const ofProfile = share === undefined ? '' : `, ${formatPct(share)} of LMI's monthly cost under the traffic profile`;
  return `LMI's floor: ${Number.isInteger(floor.instances) ? formatCount(floor.instances) : floor.instances.toFixed(2)} × ${floor.instanceType}${shared} costs ${formatUsd(floor.usdPerMonth)} a month at zero traffic${ofProfile}.`;
}

function crossoverList(rates: number[]): string {
  if (rates.length === 0) return 'none';
  return rates.length <= 4 ? rates.map((r) => formatRps(r)).join(', ') : `${rates.length} crossings from ${formatRps(rates[0] ?? 0)} to ${formatRps(rates.at(-1) ?? 0)}`;
}

export function distributionTable(levels: LevelDistribution[]): string | null {
  const withData = levels.filter((entry) => entry.distribution.count > 0);
  if (withData.length === 0) return null;
  const percentiles = withData[0]?.distribution.percentilesMs.map((entry) => entry.percentile) ?? [];
  const columns = [{ header: 'Level' }, num('Requests'), num('min (ms)'), ...percentiles.map((p) => num(`p${p} (ms)`)), num('max (ms)')];
  const rows = withData.map(({ level, distribution }) => [
    levelKey(level), formatCount(distribution.count), formatMs(distribution.minMs),
    ...distribution.percentilesMs.map((entry) => formatMs(entry.latencyMs)), formatMs(distribution.maxMs),
  ]);
  return htmlTable(columns, rows, { id: 'table-distribution' });
}

/** Levels that produced no measurement, with the reason the runner recorded. */
export function unmeasuredTable(run: RunFile): string | null {
  const rows = sortedLevels(run).flatMap((level) =>
    level.state === 'measured' ? [] : [[modeName(level.mode), settingsLabel(level.mode, level.settings), String(level.concurrency), level.state, level.reason]],
  );
  if (rows.length === 0) return null;
  const columns = [{ header: 'Mode' }, { header: 'Settings' }, num('Concurrency'), { header: 'State' }, { header: 'Reason', wrap: true }];
  return htmlTable(columns, rows, { id: 'table-unmeasured' });
}

/** CloudWatch's view of each level (the same GetMetricData code path on AWS and on the engine). */
export function cloudwatchTable(run: RunFile): string | null {
  const levels = measuredLevels(run).filter((level) => level.cloudwatch || level.cloudwatchError);
  if (levels.length === 0) return null;
  const columns = [{ header: 'Mode' }, { header: 'Settings' }, num('Concurrency'), num('Invocations'), num('Errors'), num('Throttles'), num('Duration avg (ms)'), num('Duration p99 (ms)'), num('Concurrent max'), { header: 'Note', wrap: true }];
  const rows = levels.map((level) => {
    const cw = level.cloudwatch;
    const head = [modeName(level.mode), settingsLabel(level.mode, level.settings), String(level.concurrency)];
    if (!cw) return [...head, '—', '—', '—', '—', '—', '—', `pull failed: ${level.cloudwatchError ?? 'unknown error'}`];
    return [
      ...head, formatCount(cw.invocations), formatCount(cw.errors), formatCount(cw.throttles),
      cw.durationMs ? formatMs(cw.durationMs.average) : '—', cw.durationMs ? formatMs(cw.durationMs.p99) : '—',
      cw.concurrentExecutionsMax === null ? '—' : formatCount(cw.concurrentExecutionsMax), '',
    ];
  });
  return htmlTable(columns, rows, { id: 'table-cloudwatch' });
}
