import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../reports/markdown.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

test('summary.md holds the verdict and one table row per measured level', () => {
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 50 });
  const md = renderMarkdown(run);
  const lines = md.split('\n');
  assert.match(lines[2] ?? '', /^\*\*LMI is cheaper above [\d,.]+ req\/s \([\d,]+ requests a month\) for this workload; at your traffic profile \(constant 50 req\/s\) .*\.\*\*$/);
  // The crossover in requests a month, and where it lies against what was measured.
  assert.match(md, /^Crossover: [\d,.]+ req\/s \([\d,]+ requests a month\)$/m);
  assert.match(md, /^Measured range: [\d,.]+ to [\d,.]+ req\/s \((measured up to [\d,.]+ req\/s; beyond that the model extrapolates|the crossover lies inside the measured range)\)\.$/m);
  const header = lines.indexOf('| Mode | Settings | Concurrency | req/s | p50 (ms) | p99 (ms) | Throttled | $ / M requests | Priced on |');
  assert.ok(header > 0);
  const rows = lines.slice(header + 2, lines.indexOf('', header));
  assert.equal(rows.length, 6);
  assert.match(rows[0] ?? '', /^\| Lambda \| 1024 MB \| 1 \| [\d.,]+ \| [\d.]+ \| [\d.]+ \| 0 \| \$[\d.]+ \| — \|$/);
  // Each LMI level names the instance type it was priced on.
  assert.ok(rows.filter((row) => row.startsWith('| LMI')).every((row) => /\| \d+ × [cmr]7[gia]?\.\w+ \|$/.test(row)), rows.join('\n'));
  assert.match(md, /> Local run: these timings are this machine’s, not AWS’s\./);
});

test('user text cannot break the table or inject markup', () => {
  const run = buildRunFixture({
    trials: 1, samplesPerTrial: 20, workloadName: 'evil | `code` <b>bold</b> *x*',
    unmeasured: [{ mode: 'lmi', concurrency: 64, state: 'failed', reason: 'line one\n| fake | row |\n<script>alert(1)</script>' }],
  });
  const md = renderMarkdown(run);
  assert.ok(md.startsWith('## lmi-bench: evil \\| \\`code\\` &lt;b&gt;bold&lt;/b&gt; \\*x\\* (node)\n'));
  assert.doesNotMatch(md, /<script>|<b>/);
  assert.match(md, /failed, line one \\\| fake \\\| row \\\| &lt;script&gt;alert\(1\)&lt;\/script&gt;$/m);
  const table = md.split('\n');
  const header = table.findIndex((l) => l.startsWith('| Mode |'));
  for (const line of table.slice(header, table.indexOf('', header))) {
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 11, `row has 9 cells: ${line}`);
  }
});

test('an interrupted run without costs says so in the summary', () => {
  const run = buildRunFixture({ trials: 1, samplesPerTrial: 20, withCosts: false, status: 'interrupted', reason: 'SIGINT' });
  const md = renderMarkdown(run);
  assert.match(md, /^\*\*No cost comparison: /m);
  assert.match(md, /^> \*\*Run interrupted\.\*\* This run was interrupted: levels after the interruption are missing, .* Reason: SIGINT\.$/m);
  assert.doesNotMatch(md, /Crossover:/);
});
