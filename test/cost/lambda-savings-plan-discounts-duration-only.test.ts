import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('a 17% Compute Savings Plan lowers the duration charge by 17% and leaves the request charge', () => {
  const month = { requests: 100_000_000, billedDurationMs: 120, memoryMb: 1536, architecture: 'x86_64' as const };
  const onDemand = lambdaCost(month, factsPriceBook());
  const planned = lambdaCost({ ...month, durationDiscount: 0.17 }, factsPriceBook());
  assert.ok(Math.abs(planned.computeUsd - onDemand.computeUsd * 0.83) < 1e-9);
  assert.equal(planned.computeOnDemandUsd, onDemand.computeUsd);
  assert.equal(planned.requestsUsd, onDemand.requestsUsd);
  assert.throws(() => lambdaCost({ ...month, durationDiscount: 0.3 }, factsPriceBook()), /from 0 to 0.17/);
});
