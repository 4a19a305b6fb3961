import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCost } from '../../runner/cost/lmi-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('the management fee is on the on-demand price: the discount leaves it unchanged', () => {
  const prices = factsPriceBook();
  const onDemand = lmiCost({ instanceType: 'm7g.xlarge', instances: 3, hours: 10, requests: 0 }, prices);
  const discounted = lmiCost({ instanceType: 'm7g.xlarge', instances: 3, hours: 10, requests: 0, discount: 0.5 }, prices);
  assert.equal(discounted.managementFeeUsd, onDemand.managementFeeUsd);
  assert.ok(Math.abs(discounted.ec2Usd - onDemand.ec2Usd / 2) < 1e-12);
});
