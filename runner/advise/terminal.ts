/** advise on the terminal: one function as a comparison table, a region as a ranked table. */
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from '../../reports/format.ts';
import { requestsPerMonthAt } from '../system/numbers.ts';
import type { FunctionRow } from './all-functions.ts';
import type { Advice } from './model.ts';
import { breakEvenRangeText, lmiMonthCell, savingCell, unknownCpuRankingNote, settingsTexts, narrowCpuText, breakEvenCell, historyText, shortVerdict, riskText, safetyLeadText, settleText, verdictText } from './words.ts';

function table(headers: string[], rows: string[][], numericFrom: number): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i >= numericFrom ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)];
}

function requestsPerMonth(rps: number): string {
  return formatCount(Math.round(requestsPerMonthAt(rps)));
}

export function describeFunction(advice: Advice): string {
  const fn = advice.function;
  const parts = [`${fn.memoryMb} MB`, fn.architecture];
  if (fn.runtime) parts.unshift(fn.runtime);
  parts.push(`mean ${formatMs(fn.meanDurationMs)} ms${fn.p99DurationMs === null ? '' : `, p99 ${formatMs(fn.p99DurationMs)} ms`}`);
  parts.push(fn.cpuMsPerRequest === null ? 'CPU per request unknown' : `${formatMs(fn.cpuMsPerRequest)} CPU-ms per request${fn.cpuFrom === 'lambda-insights' ? ' (Lambda Insights cpu_total_time)' : ''}`);
  return `${fn.name ?? 'what-if'} (${parts.join(', ')})`;
}

export function formatAdvice(advice: Advice): string {
  const { lambda, lmi, traffic } = advice;
  const out: string[] = [];
  // Before any cost: a handler that is not safe (or not checked) must not read as "move".
  const lead = safetyLeadText(advice);
  if (lead) out.push(lead, '');
  out.push(`function: ${describeFunction(advice)}`);
  out.push(
    `traffic:  ${traffic.name}: ${formatCount(Math.round(traffic.requestsPerMonth))} requests a month, mean ${formatRps(traffic.meanRps)} req/s, peak ${formatRps(traffic.peakRps)} req/s`,
  );
  const history = historyText(advice);
  if (history) out.push(`! ${history}`);
  out.push('');
  const instances = lmi.instancesMin === lmi.instances ? `${lmi.instances}` : `${lmi.instancesMin}–${lmi.instances}`;
  const saving = advice.savingUsdPerMonth >= 0 ? `${formatUsd(advice.savingUsdPerMonth)} saved` : `${formatUsd(-advice.savingUsdPerMonth)} more`;
  out.push(
    ...table(
      ['', 'standard Lambda', 'LMI'],
      [
        ['monthly cost', formatUsd(lambda.usdPerMonth), `${formatUsd(lmi.usdPerMonth)} (${saving}${advice.savingShare === null ? '' : `, ${advice.savingUsdPerMonth >= 0 ? '-' : '+'}${formatPct(Math.abs(advice.savingShare))}`})`],
        ['compute', `${lambda.memoryMb} MB ${lambda.architecture}, ${formatMs(lambda.meanDurationMs)} ms billed per request`, `${instances} × ${lmi.instanceType} (${formatCount(Math.round(lmi.instanceHoursPerMonth))} instance-hours)`],
        ['settings', '', `${lmi.settings.memoryMb} MB, ${lmi.settings.gibPerVcpu} GiB per vCPU, max ${lmi.settings.maxConcurrency} per environment, min ${lmi.settings.minEnvironments} environments`],
        [
          'break-even',
          '',
          advice.breakEvenRequestsPerSecond === null
            ? 'none up to 100,000 req/s'
            : advice.breakEvenRange
              ? breakEvenRangeText(advice.breakEvenRange)
              : `LMI cheaper above ${formatRps(advice.breakEvenRequestsPerSecond)} req/s (${requestsPerMonth(advice.breakEvenRequestsPerSecond)} requests a month)`,
        ],
      ],
      99,
    ),
  );
  const types = Object.entries(lmi.instanceHoursByType);
  if (types.length > 1) out.push(`LMI instance types by hours: ${types.map(([type, hours]) => `${type} ${formatCount(Math.round(hours))} h`).join(', ')}`);
  out.push(`priced on: ${lmi.instanceChoice.summary}`);
  if (advice.sensitivity) {
    out.push('', 'CPU time per request was not given; the verdict from all-waiting to all-CPU:');
    out.push(
      ...table(
        ['CPU ms/request', 'share', 'LMI $/month', 'instances', 'saving $/month', 'break-even req/s'],
        sensitivityCells(advice),
        0,
      ).map((line) => `  ${line}`),
    );
  }
  out.push('', 'LMI settings:');
  for (const line of settingsTexts(advice)) out.push(`  - ${line}`);
  out.push('', 'risks:');
  for (const risk of advice.risks) out.push(`  ${risk.severity === 'warning' ? '!' : '-'} ${riskText(risk)}`);
  out.push('', `verdict: ${lead ? `${lead.split(':')[0]}. ` : ''}${verdictText(advice)}`);
  const settle = settleText(advice);
  if (settle) out.push(`to settle it: ${settle}`);
  out.push(`prices: ${advice.prices.source} (${advice.region}, as of ${advice.prices.asOf})`);
  return out.join('\n');
}

/** Each architecture's candidate set once, as the functions of a ranking were priced. */
export function pricedOnLines(rows: readonly FunctionRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.state === 'failed' ? [] : [row.advice.lmi.instanceChoice.summary])))];
}

export function formatRanking(rows: readonly FunctionRow[]): string {
  let rank = 0;
  const cells = rows.map((row) => {
    if (row.state === 'failed') return ['-', row.name, `failed: ${row.reason}`];
    const a = row.advice;
    const lead = [row.state === 'advised' ? String(++rank) : '-', row.name, `${a.function.memoryMb} MB ${a.function.architecture}`, a.function.runtime ?? '?'];
    if (row.state === 'no-traffic') return [...lead, '0', formatUsd(a.lambda.usdPerMonth), formatUsd(a.lmi.usdPerMonth), formatUsd(a.savingUsdPerMonth), '-', 'no traffic'];
    return [
      ...lead,
      formatCount(Math.round(a.traffic.requestsPerMonth)),
      formatUsd(a.lambda.usdPerMonth),
      lmiMonthCell(a),
      savingCell(a),
      breakEvenCell(a),
      shortVerdict(a),
    ];
  });
  const headers = ['rank', 'function', 'compute', 'runtime', 'requests/month', 'Lambda $/mo', 'LMI $/mo', 'saving $/mo', 'break-even req/s', 'verdict'];
  const full = cells.filter((c) => c.length === headers.length);
  const widths = headers.map((h, i) => Math.max(h.length, ...full.map((c) => c[i]?.length ?? 0)));
  const numeric = new Set([4, 5, 6, 7, 8]);
  const line = (c: string[]): string =>
    c
      .map((cell, i) => (c.length < headers.length && i === c.length - 1 ? cell : numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [line(headers), ...cells.map(line)];
  const unknownCpu = rows.some((r) => r.state !== 'failed' && r.advice.lmi.cpuMsAssumed);
  if (unknownCpu) lines.push('', `${unknownCpuRankingNote}: ${narrowCpuText}.`);
  lines.push(...pricedOnLines(rows).map((summary, i) => `${i === 0 ? '\n' : ''}priced on: ${summary}`));
  return lines.join('\n');
}

/** The sensitivity table's cells (CPU ms, share, LMI $/month, instances, saving, break-even), for the terminal and the page. */
export function sensitivityCells(advice: Advice): string[][] {
  return (advice.sensitivity ?? []).map((row) => [
    formatMs(row.cpuMsPerRequest),
    formatPct(row.cpuShare),
    formatUsd(row.lmiUsdPerMonth),
    String(row.lmiInstances),
    formatUsd(row.savingUsdPerMonth),
    row.breakEvenRequestsPerSecond === null ? 'none' : formatRps(row.breakEvenRequestsPerSecond),
  ]);
}
