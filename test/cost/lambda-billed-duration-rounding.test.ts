import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('billed duration is rounded up to the next 1 ms', () => {
  const cost = lambdaCost({ requests: 1000, billedDurationMs: 10.2, memoryMb: 1024, architecture: 'x86_64' }, factsPriceBook());
  assert.equal(cost.billedDurationMs, 11);
  assert.equal(cost.gbSeconds, 11);
});
