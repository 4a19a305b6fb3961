/**
 * The risks read from the traffic and the floor: a profile that more than doubles within 5
 * minutes beyond LMI's minimum capacity is a warning with how often, a steady one is not, a
 * what-if rate is told it says nothing about bursts; a function with no traffic is told the
 * floor it would pay on LMI rather than an error, and a shared capacity provider splits it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { trafficStats } from '../../runner/advise/traffic-stats.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { riskText, verdictText } from '../../runner/advise/words.ts';
import { options, snapshotPrices, whatIf } from './support.ts';

test('traffic stats: monthly volume, mean, peak and quietest rate of a per-minute profile', () => {
  const stats = trafficStats({ name: 'csv:two-levels', minuteRequests: [...Array(30).fill(600), ...Array(30).fill(3000)] });
  assert.equal(stats.minutes, 60);
  assert.equal(stats.requestsPerMonth, (30 * 600 + 30 * 3000) * 730);
  assert.equal(stats.peakRps, 50);
  assert.equal(stats.quietestRps, 10);
  assert.ok(Math.abs(stats.meanRps - 30) < 1e-9);
});

test('surges beyond the minimum are a warning; steady traffic and a what-if are checks', async () => {
  const prices = await snapshotPrices();
  // 20 req/s, then 600 req/s: far beyond 3 environments at 120 ms, and a jump of 30× in a minute.
  const surging = [...Array(20).fill(1200), ...Array(10).fill(36_000), ...Array(20).fill(1200)];
  const surge = advise(whatIf(), { name: 'csv:surges', minuteRequests: surging }, options(), prices).risks.find((r) => r.kind === 'traffic-surge');
  assert.equal(surge?.severity, 'warning');
  assert.deepEqual(surge?.kind === 'traffic-surge' && surge.seen.state, 'bursts');
  assert.match(surge ? riskText(surge) : '', /minutes a month your traffic more than doubles within 5 minutes/);

  const steady = advise(whatIf(), { name: 'csv:steady', minuteRequests: Array(60).fill(1200) }, options(), prices).risks.find((r) => r.kind === 'traffic-surge');
  assert.equal(steady?.severity, 'check');
  assert.deepEqual(steady?.kind === 'traffic-surge' && steady.seen, { state: 'steady', minutesRead: 60 });
  assert.match(steady ? riskText(steady) : '', /yours did not in the 60 minutes read/);

  const constant = advise(whatIf(), constantProfile(20), options(), prices).risks.find((r) => r.kind === 'traffic-surge');
  assert.match(constant ? riskText(constant) : '', /says nothing about your bursts/);
});

test('no traffic is its own verdict with the LMI floor; a shared provider charges a share of it', async () => {
  const prices = await snapshotPrices();
  const idle = advise(whatIf({ meanDurationMs: 0 }), { name: 'function:idle', minuteRequests: [0] }, options(), prices);
  assert.equal(idle.decision, 'no-traffic');
  assert.equal(idle.lambda.usdPerMonth, 0);
  const m7g = prices.instances['m7g.xlarge'];
  assert.ok(m7g);
  const floor = 3 * 730 * (m7g.onDemandUsdPerHour + m7g.managementFeeUsdPerHour);
  assert.ok(Math.abs(idle.lmi.usdPerMonth - floor) < 0.01);
  assert.ok(Math.abs(idle.lmi.floor.usdPerMonth - floor) < 0.01);
  assert.match(verdictText(idle), /^No traffic/);

  const shared = advise(whatIf({ meanDurationMs: 0 }), { name: 'function:idle', minuteRequests: [0] }, options({ functionsPerProvider: 3 }), prices);
  assert.ok(Math.abs(shared.lmi.floor.usdPerMonth - floor / 3) < 0.01, `shared floor ${shared.lmi.floor.usdPerMonth}`);
  const sharedFloor = shared.risks.find((r) => r.kind === 'instance-floor');
  assert.ok(sharedFloor);
  assert.match(riskText(sharedFloor), /split between 3 functions/);
});
