import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCapacity } from '../../runner/cost/capacity.ts';

test("an I/O-bound function is sized by slots: rate × duration (Little's law) × headroom ÷ max concurrency", () => {
  const capacity = lmiCapacity({
    requestsPerSecond: 1000,
    cpuSecondsPerRequest: 0.0005,
    meanDurationMs: 100,
    maxConcurrency: 16,
    memoryMb: 2048,
    gibPerVcpu: 2,
    instanceVcpus: 4,
    instanceMemoryGiB: 16,
  });
  assert.equal(capacity.concurrentInvocations, 100);
  // 100 concurrent × 2 headroom ÷ 16 slots = 12.5 → 13 environments; 4 per instance → 4 instances.
  assert.equal(capacity.environmentsForSlots, 13);
  assert.equal(capacity.environments, 13);
  assert.equal(capacity.binding, 'slots');
  assert.equal(capacity.environmentsPerInstance, 4);
  assert.equal(capacity.instances, 4);
});
