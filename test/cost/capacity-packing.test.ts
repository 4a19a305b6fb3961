import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCapacity } from '../../runner/cost/capacity.ts';
import { UsageError } from '../../runner/errors.ts';

const base = { requestsPerSecond: 0, cpuSecondsPerRequest: null, meanDurationMs: 10, maxConcurrency: 8, instanceVcpus: 4, instanceMemoryGiB: 16, minInstances: 1 };

test('environments are packed whole onto instances by vCPUs and memory', () => {
  // 8 GiB at 8 GiB/vCPU = 1 vCPU but half of the instance's memory: memory limits it to 2.
  assert.equal(lmiCapacity({ ...base, memoryMb: 8192, gibPerVcpu: 8 }).environmentsPerInstance, 2);
  // 4 GiB at 2 GiB/vCPU = 2 vCPUs: the instance's 4 vCPUs limit it to 2.
  assert.equal(lmiCapacity({ ...base, memoryMb: 4096, gibPerVcpu: 2 }).environmentsPerInstance, 2);
  const spread = lmiCapacity({ ...base, memoryMb: 4096, gibPerVcpu: 2, minEnvironments: 5 });
  assert.equal(spread.instances, 3);
  assert.throws(() => lmiCapacity({ ...base, memoryMb: 32768, gibPerVcpu: 4 }), UsageError);
});
