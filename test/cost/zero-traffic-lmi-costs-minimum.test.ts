import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaUsdPerHourAt, lmiUsdPerHourAt } from '../../runner/cost/scenario.ts';
import { profileMonthlyCost } from '../../runner/cost/monthly.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('with zero traffic Lambda costs nothing and LMI still pays for its minimum instances', () => {
  const prices = factsPriceBook();
  const scenario = baselineScenario();
  assert.equal(lambdaUsdPerHourAt(scenario.lambda, prices, 0), 0);
  const lmi = lmiUsdPerHourAt(scenario.lmi, prices, 0);
  assert.equal(lmi.sizing.instances, 3);
  assert.equal(lmi.sizing.environments, 3);
  assert.ok(Math.abs(lmi.usdPerHour - 3 * (0.1632 + 0.02448)) < 1e-9);
  const month = profileMonthlyCost(scenario, prices, constantProfile(0));
  assert.equal(month.lambdaUsdPerMonth, 0);
  assert.equal(month.lmiInstanceHoursPerMonth, 3 * 730);
  assert.ok(Math.abs(month.lmiUsdPerMonth - 3 * 730 * (0.1632 + 0.02448)) < 1e-6);
});
