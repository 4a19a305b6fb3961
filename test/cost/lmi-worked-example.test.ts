import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCost } from '../../runner/cost/lmi-cost.ts';
import { cents, factsPriceBook } from './helpers/prices.ts';

test("AWS's LMI example: 100M requests, m7g.xlarge, 2,000 instance-hours, 72% discount rounded to 4 places → $160.36", () => {
  const cost = lmiCost({ instanceType: 'm7g.xlarge', instances: 1, hours: 2000, requests: 100_000_000, discount: 0.72, rateDecimals: 4 }, factsPriceBook());
  assert.equal(cost.ec2UsdPerHour, 0.0457);
  assert.equal(cents(cost.requestsUsd), 20);
  assert.equal(cents(cost.ec2Usd), 91.4);
  assert.equal(cents(cost.managementFeeUsd), 48.96);
  assert.equal(cents(cost.totalUsd), 160.36);
});
