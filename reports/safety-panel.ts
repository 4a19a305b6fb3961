/**
 * The safety result as a first-class panel of report.html and the advise page, coloured by
 * severity (errors or no check: red; warnings: amber; clear: green), placed before the verdict
 * and any cost, linking the check's findings (its --json result, every finding in it).
 */
import { escapeHtml } from '../runner/system/escape.ts';
import { gateSeverity, gateSummary, type SafetyGate } from '../runner/safety/gate.ts';

const titles: Record<SafetyGate['state'], string> = {
  unsafe: 'Not safe for LMI yet',
  'not-checked': 'Not checked for LMI safety',
  warnings: 'Safety: review the warnings',
  clear: 'Safety: no finding',
};

/** The workload's safety as the report shows it: its gate, and its findings file relative to the run folder. */
export interface ReportSafety {
  gate: SafetyGate;
  findingsHref: string | null;
}

/** findingsHref: where the check's result file is, relative to the page; null when there is none. */
export function safetyPanelHtml(gate: SafetyGate, findingsHref: string | null): string {
  const severity = gateSeverity[gate.state];
  const link = findingsHref === null ? '' : ` <a id="safety-findings" href="${escapeHtml(findingsHref)}">Every finding</a>.`;
  return [
    `<section class="safety-panel ${severity}" id="safety-panel" data-severity="${severity}" data-state="${gate.state}">`,
    `<h2>${escapeHtml(titles[gate.state])}</h2>`,
    `<p>${escapeHtml(gateSummary(gate))}${link}</p>`,
    `</section>`,
  ].join('\n');
}
