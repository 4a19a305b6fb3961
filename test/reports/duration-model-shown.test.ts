// A local run's report explains the duration model, shows measured and modelled Lambda
// durations per level with INIT's share, and says plainly when /tmp isolation was partial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

test('the local notice explains the model; the duration table has measured and modelled figures', () => {
  const run = buildRunFixture({ concurrency: [1, 16], trials: 1, samplesPerTrial: 50 });
  const html = renderHtml(run);
  assert.match(html, /id="local-notice">[^<]*modelled for AWS from the CPU time measured here and the memory’s vCPU share[^<]*latency percentiles are this machine’s/);
  assert.match(html, /id="chart-duration"/);
  const lambda = run.levels.find((l) => l.state === 'measured' && l.mode === 'lambda' && l.concurrency === 16);
  assert.ok(lambda && lambda.state === 'measured' && lambda.durationModel);
  const table = /<table id="table-duration">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  assert.match(table, /Modelled \(ms\)/);
  assert.ok(table.includes(lambda.durationModel.modelledMeanMs.toFixed(2).slice(0, 4)), 'the modelled mean is in the table');
  assert.doesNotMatch(html, /id="tmp-notice"/, 'no /tmp notice without a partial isolation');
});

test('a partial /tmp isolation is said in report.html and summary.md', () => {
  const run = { ...buildRunFixture({ concurrency: [1], trials: 1, samplesPerTrial: 20 }), tmpIsolation: { mechanism: 'path-mapping' as const, complete: false, note: 'child processes a handler starts see the host /tmp' } };
  assert.match(renderHtml(run), /id="tmp-notice">\/tmp isolation is partial on this run: child processes a handler starts see the host \/tmp\./);
  assert.match(renderMarkdown(run), /\/tmp isolation is partial on this run/);
  const complete = { ...run, tmpIsolation: { mechanism: 'mount-namespace' as const, complete: true, note: 'private mount namespace' } };
  assert.doesNotMatch(renderHtml(complete), /tmp-notice/);
});
