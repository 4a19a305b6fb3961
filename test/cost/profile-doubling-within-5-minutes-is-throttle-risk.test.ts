import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileMonthlyCost } from '../../runner/cost/monthly.ts';
import { parseProfileCsv } from '../../runner/traffic/profiles.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('minutes where traffic more than doubles within 5 minutes are reported as throttle risk', () => {
  // Two hours: 100 req/s, then 300 req/s from minute 60 (a tripling in one minute).
  const csv = [...Array(60).fill(6000), ...Array(60).fill(18000)].join('\n');
  const month = profileMonthlyCost(baselineScenario(), factsPriceBook(), parseProfileCsv(csv, 'step.csv'));
  // Minutes 60–64 each see a rate more than twice one of the 5 before; from minute 65 the window is all 300 req/s.
  assert.deepEqual(month.throttleRiskMinutes, [60, 61, 62, 63, 64]);
  assert.equal(month.throttleRiskMinutesPerMonth, 5 * ((730 * 60) / 120));
  // A ramp that never more than doubles within 5 minutes carries no risk.
  const ramp = Array.from({ length: 120 }, (_, m) => Math.round(6000 * 1.1 ** Math.min(m, 20)));
  assert.deepEqual(profileMonthlyCost(baselineScenario(), factsPriceBook(), parseProfileCsv(ramp.join('\n'), 'ramp.csv')).throttleRiskMinutes, []);
});
