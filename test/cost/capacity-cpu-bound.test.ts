import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCapacity } from '../../runner/cost/capacity.ts';

test('a CPU-bound function is sized by CPU demand × headroom ÷ (vCPUs per environment × target utilisation)', () => {
  const capacity = lmiCapacity({
    requestsPerSecond: 500,
    cpuSecondsPerRequest: 0.05,
    meanDurationMs: 60,
    maxConcurrency: 64,
    memoryMb: 4096,
    gibPerVcpu: 2,
    instanceVcpus: 8,
    instanceMemoryGiB: 32,
    targetCpuUtilization: 0.5,
    headroomFactor: 2,
  });
  // 25 vCPUs busy × 2 ÷ (2 vCPUs × 0.5) = 50 environments; 4 per 8-vCPU instance → 13 instances.
  assert.equal(capacity.cpuDemandVcpus, 25);
  assert.equal(capacity.vcpusPerEnvironment, 2);
  assert.equal(capacity.environmentsForCpu, 50);
  assert.equal(capacity.binding, 'cpu');
  assert.equal(capacity.instances, 13);
});
