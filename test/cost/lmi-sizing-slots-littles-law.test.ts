import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { factsPriceBook } from './helpers/prices.ts';

test("an I/O-bound function is sized by slots: rate × duration (Little's law) ÷ (max concurrency × slot target)", () => {
  const sizing = sizeLmiCapacity({
    requestsPerSecond: 1000,
    cpuSecondsPerRequest: 0.0005,
    meanDurationMs: 100,
    maxConcurrency: 16,
    memoryMb: 2048,
    gibPerVcpu: 2,
    reservation: { vcpus: 0, memoryGiB: 0 },
    candidates: pricedCandidates(factsPriceBook(), ['m7g.xlarge'], 0),
  });
  assert.equal(sizing.concurrentInvocations, 100);
  // 100 in flight ÷ (16 slots × 0.5) = 12.5 → 13 environments; 4 per instance → 4 instances.
  assert.equal(sizing.environmentsForSlots, 13);
  assert.equal(sizing.environments, 13);
  assert.equal(sizing.binding, 'slots');
  assert.equal(sizing.environmentsPerInstance, 4);
  assert.equal(sizing.instances, 4);
});
