/**
 * The top of the report: the verdict, what was measured where and when, with which prices,
 * and the caveats a reader must see before any number (local timings, an unfinished run).
 */
import { safetyPanelHtml, type ReportSafety } from './safety-panel.ts';

import type { RunFile } from '../runner/run/run-file.ts';
import type { InstanceChoice } from '../runner/domain.ts';
import { instanceChoiceOfPlan } from '../runner/cost/instance-choice.ts';
import { escapeHtml } from '../runner/system/escape.ts';
import { formatCount, formatDateTime, formatDurationSec } from './format.ts';
import { buildVerdict, partText, type VerdictPart } from './verdict.ts';
import { requestsPerMonthAt } from '../runner/system/numbers.ts';

export function verdictHtml(parts: VerdictPart[]): string {
  return parts
    .map((part) => {
      if (part.kind === 'rps') return `<span class="value" data-crossover-rps="${part.value}">${escapeHtml(partText(part))}</span>`;
      // The tagged number is the rate; the month it makes follows in words.
      if (part.kind === 'crossover') {
        return `<span class="value" data-crossover-rps="${part.value}">${escapeHtml(partText({ kind: 'rps', value: part.value }))}</span> (${escapeHtml(formatCount(Math.round(requestsPerMonthAt(part.value))))} requests a month)`;
      }
      if (part.kind === 'rate') return `<span class="value" data-range-rps="${part.value}">${escapeHtml(partText(part))}</span>`;
      if (part.kind === 'usd') return `<span class="value" data-usd="${part.value}">${escapeHtml(partText(part))}</span>`;
      return escapeHtml(part.text);
    })
    .join('');
}

export function priceSourceText(run: RunFile): string {
  const prices = run.prices;
  if (!prices) return 'none: costs were not computed for this run';
  // The committed snapshot is transcribed from published prices, not fetched: say "as of", not "captured".
  const source = { 'price-list-api': 'AWS Price List API, fetched', snapshot: 'offline price snapshot (AWS Price List format), prices as of', cache: 'cached AWS Price List responses, fetched' }[prices.source];
  return `${source} ${prices.asOf}, region ${prices.region}`;
}

export function targetText(run: RunFile): string {
  return run.target === 'local' ? 'local engine (emulated standard Lambda and LMI on this machine)' : `AWS${run.prices ? ` (${run.prices.region})` : ''}`;
}

export function machineText(run: RunFile): string {
  const m = run.machine;
  const python = m.python ? `, Python ${m.python}` : '';
  return `${m.cpuModel} × ${m.cpus} CPUs, ${m.memoryGiB} GiB, ${m.platform}/${m.arch}, Node ${m.node}${python} (${m.hostname})`;
}

export function statusText(run: RunFile): string {
  const measured = run.levels.filter((level) => level.state === 'measured').length;
  const counts = `${measured} of ${run.levels.length} levels measured`;
  if (run.status === 'complete') return `complete, ${counts}`;
  return `${run.status}${run.reason ? ` (${run.reason})` : ''}, ${counts}`;
}

/**
 * What a reader must know first about a run that did not complete, one sentence: partial
 * results must never pass for a whole run. null for a complete run.
 */
export function statusNotice(run: RunFile): string | null {
  const reason = run.reason ? ` Reason: ${run.reason}.` : '';
  switch (run.status) {
    case 'complete':
      return null;
    case 'interrupted':
      return `This run was interrupted: levels after the interruption are missing, and the verdict rests on what was measured before it.${reason}`;
    case 'failed':
      return `This run failed: the results below are partial.${reason}`;
    case 'running':
      return `This run had not finished when its run.json was last saved (${run.finishedAt}): it is still running, or it was killed before it could save its end. Only the levels finished by then are shown, and the verdict rests on them.`;
  }
}

export const localNotice =
  'Local run: these timings are this machine’s, not AWS’s. Standard Lambda’s duration (and so its cost) is modelled for AWS from the CPU time measured here and the memory’s vCPU share (1,769 MB = 1 vCPU), leaving out time spent waiting for this machine’s cores; latency percentiles are this machine’s. Network, instance types and scaling delays are emulated: measure on AWS before deciding.';

/** Said when the environments' /tmp folders were not fully their own (run.json tmpIsolation). */
export function tmpIsolationNotice(run: RunFile): string | null {
  const isolation = run.tmpIsolation;
  if (!isolation || isolation.complete) return null;
  return `/tmp isolation is partial on this run: ${isolation.note.replace(/[.\s]+$/, '')}. On AWS every environment has its own /tmp.`;
}

/** The architecture and instance types the run's costs assume: as priced, else from its plan. */
export function pricedOn(run: RunFile): InstanceChoice {
  return run.instanceChoice ?? instanceChoiceOfPlan(run.plan);
}

export function headerHtml(run: RunFile, safety?: ReportSafety): string {
  const verdict = buildVerdict(run);
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const w = run.workload;
  const facts: Array<[string, string]> = [
    ['Workload', `${w.name} (${w.runtime}${w.kind ? `, ${w.kind}` : ''})${w.description ? ` — ${w.description}` : ''}`],
    ['Target', targetText(run)],
    ['Date', `${formatDateTime(run.startedAt)} (${run.status === 'running' ? 'last saved after' : 'took'} ${formatDurationSec(seconds)})`],
    ['Prices', priceSourceText(run)],
    ['Priced on', pricedOn(run).summary],
    ['Machine', machineText(run)],
    ['Status', statusText(run)],
    ['Run', `${run.runId}, ${run.tool.name} ${run.tool.version}`],
  ];
  const notices: string[] = [];
  const status = statusNotice(run);
  if (status) notices.push(`<p class="notice bad" id="status-notice">${escapeHtml(status)}</p>`);
  if (run.target === 'local') notices.push(`<p class="notice" id="local-notice">${escapeHtml(localNotice)}</p>`);
  const tmp = tmpIsolationNotice(run);
  if (tmp) notices.push(`<p class="notice" id="tmp-notice">${escapeHtml(tmp)}</p>`);
  return [
    `<header>`,
    `<h1>lmi-bench: <span id="workload-name">${escapeHtml(w.name)}</span></h1>`,
    `<p class="subtitle">Lambda Managed Instances against standard Lambda, measured ${escapeHtml(formatDateTime(run.startedAt))}</p>`,
    // Before the verdict and any cost: whether the handler is safe to run concurrently at all.
    safety ? safetyPanelHtml(safety.gate, safety.findingsHref) : '',
    `<p class="verdict" id="verdict">${verdictHtml(verdict)}</p>`,
    ...notices,
    `<dl class="facts">${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`,
    `</header>`,
  ].join('\n');
}

/**
 * Which measured variants the crossover compares and where each side's inputs came from: the
 * detail behind the verdict, for the "how this was computed" section rather than under the verdict.
 */
export function crossoverBasisHtml(run: RunFile): string {
  const basis = run.crossover?.basis;
  if (!basis) return '';
  return `<p class="basis" id="crossover-basis">The crossover compares ${escapeHtml(basis.lmiVariantId)} with ${escapeHtml(basis.lambdaVariantId)}${basis.note ? `. ${escapeHtml(basis.note.replace(/[.\s]+$/, ''))}` : ''}.</p>`;
}
