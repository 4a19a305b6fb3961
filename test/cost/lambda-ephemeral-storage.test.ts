import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('ephemeral storage is charged only above the free 512 MB', () => {
  const base = { requests: 1_000_000, billedDurationMs: 500, memoryMb: 1024, architecture: 'x86_64' as const };
  assert.equal(lambdaCost({ ...base, ephemeralMb: 512 }, factsPriceBook()).storageUsd, 0);
  const cost = lambdaCost({ ...base, ephemeralMb: 10240 }, factsPriceBook());
  // 1M × 0.5 s × 9.5 GB above the free 0.5 GB
  assert.equal(cost.ephemeralGbSeconds, 4_750_000);
  assert.ok(Math.abs(cost.storageUsd - 4_750_000 * 0.0000000309) < 1e-12);
  assert.ok(Math.abs(cost.totalUsd - (cost.requestsUsd + cost.computeUsd + cost.storageUsd)) < 1e-12);
});
