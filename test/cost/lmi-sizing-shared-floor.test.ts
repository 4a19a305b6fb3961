import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('--functions-per-provider splits the 3-instance floor; traffic above the floor is not split', () => {
  const input = { cpuSecondsPerRequest: 0.001, meanDurationMs: 20, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 }, candidates: pricedCandidates(factsPriceBook(), ['m7g.xlarge'], 0) };
  const alone = sizeLmiCapacity({ ...input, requestsPerSecond: 1 });
  const shared = sizeLmiCapacity({ ...input, requestsPerSecond: 1, functionsPerProvider: 3 });
  assert.deepEqual([alone.instances, alone.atFloor], [3, true]);
  assert.deepEqual([shared.floorInstances, shared.instances, shared.atFloor], [1, 1, true]);
  // 40 vCPUs at 50% → 80 environments on 20 instances, shared or not.
  const busy = { ...input, cpuSecondsPerRequest: 0.04, requestsPerSecond: 1000 };
  assert.equal(sizeLmiCapacity(busy).instances, 20);
  assert.equal(sizeLmiCapacity({ ...busy, functionsPerProvider: 3 }).instances, 20);
});
