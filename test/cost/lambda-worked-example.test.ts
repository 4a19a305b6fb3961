import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { cents, factsPriceBook } from './helpers/prices.ts';

test("AWS's Lambda example: 3M requests, 120 ms, 1536 MB, x86, free tier → $2.73", () => {
  const cost = lambdaCost({ requests: 3_000_000, billedDurationMs: 120, memoryMb: 1536, architecture: 'x86_64', freeTier: true }, factsPriceBook());
  assert.equal(cost.gbSeconds, 540_000);
  assert.equal(cost.billableGbSeconds, 140_000);
  assert.equal(cents(cost.computeUsd), 2.33);
  assert.equal(cents(cost.requestsUsd), 0.4);
  assert.equal(cost.storageUsd, 0);
  assert.equal(cents(cost.totalUsd), 2.73);
});

test('without the free tier the same month costs the full volume', () => {
  const cost = lambdaCost({ requests: 3_000_000, billedDurationMs: 120, memoryMb: 1536, architecture: 'x86_64' }, factsPriceBook());
  assert.equal(cents(cost.computeUsd), 9.0);
  assert.equal(cents(cost.requestsUsd), 0.6);
});
