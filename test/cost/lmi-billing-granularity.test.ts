import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCost } from '../../runner/cost/lmi-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('instance time is billed in whole granules of the billing granularity', () => {
  const prices = factsPriceBook();
  const hourly = lmiCost({ instanceType: 'm7g.xlarge', instances: 3, hours: 1.25, requests: 0, billingGranularitySec: 3600 }, prices);
  assert.equal(hourly.instanceHours, 6);
  const perSecond = lmiCost({ instanceType: 'm7g.xlarge', instances: 3, hours: 1.25, requests: 0 }, prices);
  assert.equal(perSecond.instanceHours, 3.75);
});
