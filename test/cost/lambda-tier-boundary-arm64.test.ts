import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

const oneGbSecond = { billedDurationMs: 1000, memoryMb: 1024, architecture: 'arm64' as const };

test('arm64 volume crossing 7.5 billion GB-s is split across the first two tiers', () => {
  const cost = lambdaCost({ requests: 8e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [7.5e9, 0.5e9, 0]);
  const expected = 7.5e9 * 0.0000133334 + 0.5e9 * 0.0000120001;
  assert.ok(Math.abs(cost.computeUsd - expected) < 1e-6, `${cost.computeUsd} vs ${expected}`);
});

test('arm64 volume just under 7.5 billion GB-s is all first tier, and arm64 uses its own bounds', () => {
  const cost = lambdaCost({ requests: 7e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [7e9, 0, 0]);
});

test('arm64 volume above 18.75 billion GB-s reaches the third tier', () => {
  const cost = lambdaCost({ requests: 20e9, ...oneGbSecond }, factsPriceBook());
  assert.deepEqual(cost.tiers.map((t) => t.gbSeconds), [7.5e9, 11.25e9, 1.25e9]);
});
