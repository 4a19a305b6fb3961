// In an open-loop run (--rates) a level's `concurrency` is only its connection cap: the duration
// chart must place each level at its arrival rate, on an axis that says so, like the other charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationChart } from '../../reports/charts/duration-chart.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

test('the duration chart puts open-loop levels at their rates on an arrival-rate axis', () => {
  const closed = buildRunFixture({ concurrency: [1, 16], trials: 1, samplesPerTrial: 20 });
  const rates = { 1: 40, 16: 120 } as Record<number, number>;
  const open = { ...closed, levels: closed.levels.map((level) => ({ ...level, rate: rates[level.concurrency] as number })) };

  const closedChart = durationChart(closed);
  const openChart = durationChart(open);
  assert.ok(closedChart && openChart);
  const xTitle = (chart: NonNullable<typeof openChart>): unknown => (chart.spec as { spec: { encoding: { x: { title: string } } } }).spec.encoding.x.title;
  const positions = (chart: NonNullable<typeof openChart>): string[] =>
    [...new Set(((chart.spec as { data: { values: Array<{ concurrency: string }> } }).data.values).map((v) => v.concurrency))].sort();
  assert.equal(xTitle(closedChart), 'Concurrency (connections)');
  assert.deepEqual(positions(closedChart), ['1', '16']);
  assert.equal(xTitle(openChart), 'Arrival rate (req/s, open loop)');
  assert.deepEqual(positions(openChart), ['120', '40']);
});
