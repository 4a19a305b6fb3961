import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { factsPriceBook } from './helpers/prices.ts';

const shape = { cpuSecondsPerRequest: 0.01, meanDurationMs: 50, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 }, candidates: pricedCandidates(factsPriceBook(), ['m7g.2xlarge'], 0) };

test('at zero or light traffic LMI keeps its minimum environments and instances (no scale to zero)', () => {
  const idle = sizeLmiCapacity({ ...shape, requestsPerSecond: 0 });
  assert.deepEqual([idle.environments, idle.instances, idle.binding, idle.atFloor], [3, 3, 'minimum', true]);
  // Three 1-vCPU environments fit on one 8-vCPU instance, yet three instances are kept for AZ spread.
  assert.equal(idle.environmentsPerInstance, 8);
  const configured = sizeLmiCapacity({ ...shape, requestsPerSecond: 1, minEnvironments: 6, minInstances: 5 });
  assert.deepEqual([configured.environments, configured.instances], [6, 5]);
});
