// A capacity panel whose every level shows zero (no throttles, no cold starts) is an empty axis:
// it is left out, and the caption says which and why; a panel with data stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capacityChart } from '../../reports/charts/performance-charts.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const metricsOf = (chart: ReturnType<typeof capacityChart>): Set<string> =>
  new Set(((chart.spec as { data: { values: Array<{ metric: string }> } }).data.values).map((row) => row.metric));

test('no throttles and no cold starts: both panels left out, with one line saying why', () => {
  const run = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 50 });
  run.levels = run.levels.map((level) => (level.state === 'measured' ? { ...level, coldStarts: 0, requests: { ...level.requests, throttled: 0 } } : level));
  const chart = capacityChart(run);
  assert.ok(!metricsOf(chart).has('Throttled requests (429)'));
  assert.ok(!metricsOf(chart).has('Cold starts'));
  assert.ok(metricsOf(chart).has('Environments (max)'));
  assert.match(chart.caption, /No cold starts and no throttled requests at any level, so those panels are left out\.$/);
});

test('throttles seen: their panel stays, the empty cold-start one is left out', () => {
  const run = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 50 });
  run.levels = run.levels.map((level, i) => (level.state === 'measured' ? { ...level, coldStarts: 0, requests: { ...level.requests, throttled: i === 0 ? 7 : 0 } } : level));
  const chart = capacityChart(run);
  assert.ok(metricsOf(chart).has('Throttled requests (429)'));
  assert.ok(!metricsOf(chart).has('Cold starts'));
  assert.match(chart.caption, /No cold starts at any level, so that panel is left out\.$/);
});
