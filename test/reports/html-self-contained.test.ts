import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderHtml } from '../../reports/html.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { jsonBlock } from './helpers.ts';

const run = buildRunFixture({ trials: 2, samplesPerTrial: 100, lmiSettings: [{ maxConcurrency: 16, gibPerVcpu: 2 }, { maxConcurrency: 64, gibPerVcpu: 4 }] });
const html = renderHtml(run);

test('the page references nothing outside itself', () => {
  assert.doesNotMatch(html, /<script[^>]+src=/i);
  assert.doesNotMatch(html, /<link[^>]+href=/i);
  assert.doesNotMatch(html, /sourceMappingURL/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src &#39;none&#39;/);
  assert.doesNotMatch(csp, /unsafe-inline&#39;[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
});

test('vega, vega-lite and vega-embed are inlined whole, and every script element closes only at its end', () => {
  for (const name of ['vega', 'vega-lite', 'vega-embed']) assert.match(html, new RegExp(`<script data-bundle="${name}">`));
  const vegaLite = readFileSync(new URL('../../node_modules/vega-lite/build/vega-lite.min.js', import.meta.url), 'utf8');
  assert.ok(html.includes(vegaLite.slice(0, 2000)), 'vega-lite bundle text is in the page');
  const opens = html.match(/<script\b/g)?.length ?? 0;
  const closes = html.match(/<\/script/gi)?.length ?? 0;
  assert.equal(opens, closes);
});

test('the run is embedded intact for download, and each chart spec has a container', () => {
  assert.deepEqual(jsonBlock(html, 'run-data'), JSON.parse(JSON.stringify(run)));
  const specs = jsonBlock(html, 'chart-specs') as Array<{ id: string }>;
  const ids = specs.map((s) => s.id);
  assert.deepEqual(ids, ['chart-cost', 'chart-monthly', 'chart-latency', 'chart-duration', 'chart-throughput', 'chart-capacity', 'chart-distribution', 'chart-settings']);
  for (const id of ids) assert.match(html, new RegExp(`<div class="chart" id="${id}"`));
  assert.match(html, /<a id="download-run" download="[^"]+\.json"/);
});

test('the header names target honesty, prices and status; crossovers carry their exact value', () => {
  assert.match(html, /id="local-notice">Local run: these timings are this machine’s, not AWS’s\./);
  assert.match(html, /modelled for AWS from the CPU time measured here/);
  assert.match(html, /offline price snapshot \(AWS Price List format\), prices as of 2026-01-15, region us-east-1/);
  for (const rps of run.crossover?.requestsPerSecond ?? []) assert.ok(html.includes(`data-crossover-rps="${rps}"`));
  const interrupted = renderHtml({ ...run, status: 'interrupted', reason: 'stopped by SIGINT after level 3' });
  assert.match(interrupted, /id="status-notice">This run was interrupted: .*Reason: stopped by SIGINT after level 3/);
});

test('failed and skipped levels are listed with their reasons; unmeasured fields are not shown as zero', () => {
  const withFailures = buildRunFixture({
    trials: 1, samplesPerTrial: 50,
    unmeasured: [{ mode: 'lmi', concurrency: 256, state: 'skipped', reason: 'above the capacity provider vCPU limit' }, { mode: 'lambda', concurrency: 256, state: 'failed', reason: 'every request was throttled' }],
  });
  const first = withFailures.levels[0];
  if (first?.state === 'measured') first.unmeasured = ['coldStarts'];
  const page = renderHtml(withFailures);
  assert.match(page, /<section id="section-unmeasured">/);
  assert.match(page, /<td>skipped<\/td><td class="wrap">above the capacity provider vCPU limit<\/td>/);
  assert.match(page, /<td>failed<\/td><td class="wrap">every request was throttled<\/td>/);
  assert.match(page, /<td class="num">not measured<\/td>/);
});
