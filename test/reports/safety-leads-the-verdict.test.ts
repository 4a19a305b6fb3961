/**
 * Safety gates every verdict: when the handler's last safety check found errors, or none was
 * run, report.html opens with a red safety panel before the verdict and any cost, summary.md and
 * bench's terminal verdict lead with the same line, and the cost answer still follows. A clean
 * check is a green panel and changes nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { terminalVerdict } from '../../reports/terminal-verdict.ts';
import type { RunFile } from '../../runner/run/run-file.ts';
import { safetyGate } from '../../runner/safety/gate.ts';
import type { SafetyCheck } from '../../runner/safety/latest-result.ts';

const run = JSON.parse(readFileSync(new URL('../fixtures/reports/io-bound-local-run.json', import.meta.url), 'utf8')) as RunFile;
const command = 'lmi-bench safety --workload io-bound --runtime node';
const check = (errors: number, warnings: number): SafetyCheck => ({
  findings: errors + warnings,
  errors,
  warnings,
  seed: 3,
  checkedAt: '2026-12-07T03:00:00.000Z',
  path: '/results/safety/io-bound-node.json',
  mainCause: errors + warnings > 0 ? { cause: 'module.currentUser', count: errors + warnings, severity: errors > 0 ? 'error' : 'warning' } : null,
});

test('errors: report.html opens with a red panel before the verdict; summary.md and the terminal lead with it; the cost still follows', () => {
  const gate = safetyGate(check(216, 1), command);
  const html = renderHtml(run, { gate, findingsHref: '../safety/io-bound-node.json' });
  const panel = html.indexOf('id="safety-panel"');
  assert.ok(panel > 0 && panel < html.indexOf('id="verdict"'), 'the panel comes before the verdict');
  assert.match(html, /<section class="safety-panel bad" id="safety-panel" data-severity="bad" data-state="unsafe">\n<h2>Not safe for LMI yet<\/h2>/);
  assert.match(html, /found 216 errors; the main cause: module\.currentUser \(217 findings\)/);
  assert.match(html, /<a id="safety-findings" href="\.\.\/safety\/io-bound-node\.json">Every finding<\/a>/);

  const markdown = renderMarkdown(run, { gate, findingsHref: null });
  const lines = markdown.split('\n').filter(Boolean);
  assert.match(lines[1] ?? '', /^\*\*NOT SAFE FOR LMI YET: the last `lmi-bench safety` check found 216 errors/);
  assert.match(lines[2] ?? '', /LMI is cheaper above/, 'the cost answer follows');

  const terminal = terminalVerdict(run, { outDir: '/results/run' }, gate).split('\n');
  assert.match(terminal[0] ?? '', /^NOT SAFE FOR LMI YET: .* Fix them and run lmi-bench safety --workload io-bound --runtime node again before moving/);
  assert.match(terminal[1] ?? '', /^verdict: NOT SAFE FOR LMI YET\. LMI is cheaper above/);
});

test('no check: "not checked" leads, in red; a clean check is a green panel and the verdict is as before', () => {
  const unchecked = safetyGate(undefined, command);
  const html = renderHtml(run, { gate: unchecked, findingsHref: null });
  assert.match(html, /class="safety-panel bad" id="safety-panel" data-severity="bad" data-state="not-checked">\n<h2>Not checked for LMI safety<\/h2>/);
  assert.match(terminalVerdict(run, { outDir: '/r' }, unchecked), /^NOT CHECKED for LMI safety: .*run lmi-bench safety --workload io-bound --runtime node before moving\.\nverdict: NOT CHECKED for LMI safety\. /);

  const clear = safetyGate(check(0, 0), command);
  assert.match(renderHtml(run, { gate: clear, findingsHref: null }), /class="safety-panel ok" id="safety-panel" data-severity="ok" data-state="clear">/);
  assert.equal(terminalVerdict(run, { outDir: '/r' }, clear), terminalVerdict(run, { outDir: '/r' }), 'a clean check changes nothing in the terminal');
  const warned = safetyGate(check(0, 2), command);
  assert.match(renderHtml(run, { gate: warned, findingsHref: null }), /class="safety-panel warn"[^>]*>\n<h2>Safety: review the warnings<\/h2>\n<p>Review before moving: checked with `lmi-bench safety`: 2 findings/);
});
