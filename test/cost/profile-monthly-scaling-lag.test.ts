import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileMonthlyCost } from '../../runner/cost/monthly.ts';
import { parseProfileCsv } from '../../runner/traffic/profiles.ts';
import { lmiSizingAt } from '../../runner/cost/scenario.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('capacity arrives the scale-out delay after demand and is released only after the scale-in delay', () => {
  const prices = factsPriceBook();
  const scenario = baselineScenario();
  // One busy half hour (600 req/s) in a quiet two hours (10 req/s).
  const csv = [...Array(45).fill(600), ...Array(30).fill(36000), ...Array(45).fill(600)].join('\n');
  const profile = parseProfileCsv(csv, 'burst.csv');
  const high = lmiSizingAt(scenario.lmi, prices, 600).instances;
  const low = lmiSizingAt(scenario.lmi, prices, 10).instances;
  const instantaneous = profileMonthlyCost(scenario, prices, profile, { scaleOutDelayMin: 0, scaleInDelayMin: 0 });
  const lagged = profileMonthlyCost(scenario, prices, profile, { scaleOutDelayMin: 5, scaleInDelayMin: 10 });
  const scale = (730 * 60) / 120;
  // No lag: 30 busy minutes at the high count. With lag: 5 minutes late, 10 minutes longer.
  assert.ok(Math.abs(instantaneous.lmiInstanceHoursPerMonth - ((30 * high + 90 * low) * scale) / 60) < 1e-6);
  assert.ok(Math.abs(lagged.lmiInstanceHoursPerMonth - ((40 * high + 80 * low) * scale) / 60) < 1e-6);
  assert.deepEqual(lagged.lag, { scaleOutDelayMin: 5, scaleInDelayMin: 10 });
  assert.throws(() => profileMonthlyCost(scenario, prices, profile, { scaleOutDelayMin: -1, scaleInDelayMin: 0 }), /whole number of minutes/);
});
