import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiCapacity } from '../../runner/cost/capacity.ts';

const shape = { cpuSecondsPerRequest: 0.01, meanDurationMs: 50, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, instanceVcpus: 16, instanceMemoryGiB: 64 };

test('at zero or light traffic LMI keeps its minimum environments and instances (no scale to zero)', () => {
  const idle = lmiCapacity({ ...shape, requestsPerSecond: 0 });
  assert.deepEqual([idle.environments, idle.instances, idle.binding], [3, 3, 'minimum']);
  // Three 1-vCPU environments fit on one 16-vCPU instance, yet three instances are kept for AZ spread.
  assert.equal(idle.environmentsPerInstance, 16);
  const configured = lmiCapacity({ ...shape, requestsPerSecond: 1, minEnvironments: 6, minInstances: 5 });
  assert.deepEqual([configured.environments, configured.instances], [6, 5]);
});
