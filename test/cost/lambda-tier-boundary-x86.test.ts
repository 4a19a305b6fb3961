import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

// 1 GB × 1 s per request: GB-seconds equal requests, so the volume is easy to place on a tier.
const oneGbSecond = { billedDurationMs: 1000, memoryMb: 1024, architecture: 'x86_64' as const };

test('x86 volume crossing 6 billion GB-s is split across the first two tiers', () => {
  const cost = lambdaCost({ requests: 7e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [6e9, 1e9, 0]);
  const expected = 6e9 * 0.0000166667 + 1e9 * 0.000015;
  assert.ok(Math.abs(cost.computeUsd - expected) < 1e-6, `${cost.computeUsd} vs ${expected}`);
});

test('x86 volume at exactly 6 billion GB-s stays in the first tier', () => {
  const cost = lambdaCost({ requests: 6e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [6e9, 0, 0]);
});

test('x86 volume above 15 billion GB-s reaches the third tier', () => {
  const cost = lambdaCost({ requests: 16e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [6e9, 9e9, 1e9]);
  const expected = 6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334;
  assert.ok(Math.abs(cost.computeUsd - expected) < 1e-6);
});
