/**
 * The risks read from the traffic: a profile that more than doubles within 5 minutes is named
 * (how often, how steep), a smooth one is not, and a function with no traffic is told the
 * floor it would pay on LMI rather than an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { trafficStats } from '../../runner/advise/traffic-stats.ts';
import { options, snapshotPrices, whatIf } from './support.ts';

test('surges: two separate jumps of more than 2× within 5 minutes are counted once each; a smooth ramp is none', () => {
  const surging = [...Array(20).fill(600), ...Array(10).fill(3000), ...Array(20).fill(600), ...Array(10).fill(1800)];
  const stats = trafficStats({ name: 'csv:surges', minuteRequests: surging });
  assert.equal(stats.doublingsWithin5Min, 2);
  assert.ok(stats.steepestGrowth && stats.steepestGrowth.ratio > 2);
  assert.equal(stats.peakRps, 50);
  assert.equal(stats.quietestRps, 10);

  const ramp = Array.from({ length: 60 }, (_, minute) => 600 + minute * 30);
  assert.equal(trafficStats({ name: 'csv:ramp', minuteRequests: ramp }).doublingsWithin5Min, 0);
  // A profile too short to compare two 5-minute windows cannot be judged.
  assert.equal(trafficStats({ name: 'constant:5', minuteRequests: [300] }).doublingsWithin5Min, null);
});

test('the surge risk is a warning with the count; no traffic is its own verdict with the LMI floor', async () => {
  const prices = await snapshotPrices();
  const surging = [...Array(20).fill(600), ...Array(10).fill(3000), ...Array(20).fill(600)];
  const advice = advise(whatIf(), { name: 'csv:surges', minuteRequests: surging }, options(), prices);
  const surge = advice.risks.find((r) => r.kind === 'traffic-surge');
  assert.equal(surge?.severity, 'warning');
  assert.match(surge?.text ?? '', /more than doubled within 5 minutes 1 time/);

  const idle = advise(whatIf({ meanDurationMs: 0 }), { name: 'function:idle', minuteRequests: [0] }, options(), prices);
  assert.equal(idle.decision, 'no-traffic');
  assert.equal(idle.lambda.usdPerMonth, 0);
  const m7g = prices.instances['m7g.xlarge'];
  assert.ok(m7g);
  assert.ok(Math.abs(idle.lmi.usdPerMonth - 3 * 730 * (m7g.onDemandUsdPerHour + m7g.managementFeeUsdPerHour)) < 0.01);
  assert.match(idle.verdict, /^No traffic/);
});
