import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileMonthlyCost } from '../../runner/cost/monthly.ts';
import { constantProfile, diurnalProfile } from '../../runner/traffic/profiles.ts';
import { lmiSizingAt } from '../../runner/cost/scenario.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('under a diurnal profile LMI instances follow the rate minute by minute and Lambda follows requests', () => {
  const prices = factsPriceBook();
  const scenario = baselineScenario();
  const day = diurnalProfile(600, 10);
  const month = profileMonthlyCost(scenario, prices, day);
  assert.ok(Math.abs(month.requestsPerMonth - 305 * 3600 * 730) < 1e-3);
  assert.equal(month.lmiInstancesMin, 3);
  assert.equal(month.lmiInstancesMax, lmiSizingAt(scenario.lmi, prices, 600).instances);
  // Cheaper than keeping the peak's instances all month, dearer than the floor all month.
  const peak = profileMonthlyCost(scenario, prices, constantProfile(600));
  assert.ok(month.lmiInstanceHoursPerMonth < peak.lmiInstanceHoursPerMonth);
  assert.ok(month.lmiInstanceHoursPerMonth > 3 * 730);
  // Lambda is priced on requests alone: the same requests at a constant rate cost the same.
  const flat = profileMonthlyCost(scenario, prices, constantProfile(305));
  assert.ok(Math.abs(month.lambdaUsdPerMonth - flat.lambdaUsdPerMonth) < 1e-6);
});
