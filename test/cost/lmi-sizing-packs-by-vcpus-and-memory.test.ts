import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentShape, environmentsPerInstance, sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { UsageError } from '../../runner/errors.ts';

const none = { vcpus: 0, memoryGiB: 0 };
const xlarge = { instanceType: 'm7g.xlarge', vcpus: 4, memoryGiB: 16, usdPerHour: 0.18768 };

test('environments per instance count vCPUs and memory, less the per-instance reservation', () => {
  // 8 GiB at 8 GiB/vCPU is 1 vCPU but half the memory: memory allows 2 where vCPUs would allow 4.
  assert.equal(environmentsPerInstance(xlarge, environmentShape(8192, 8), none), 2);
  // 4 GiB at 2 GiB/vCPU is 2 vCPUs: vCPUs allow 2.
  assert.equal(environmentsPerInstance(xlarge, environmentShape(4096, 2), none), 2);
  // 2 GiB / 1 vCPU: 4 fit, but reserving 0.5 vCPU and 1 GiB leaves room for 3.
  assert.equal(environmentsPerInstance(xlarge, environmentShape(2048, 2), none), 4);
  assert.equal(environmentsPerInstance(xlarge, environmentShape(2048, 2), { vcpus: 0.5, memoryGiB: 1 }), 3);
  // The default reservation, 1 vCPU and 1 GiB: 3 usable vCPUs hold 3.
  assert.equal(environmentsPerInstance(xlarge, environmentShape(2048, 2)), 3);
});

test('the reservation changes the fleet, and an environment that fits nowhere is one clear error', () => {
  const input = { requestsPerSecond: 1000, cpuSecondsPerRequest: 0.012, meanDurationMs: 20, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, candidates: [xlarge], reservation: { vcpus: 0, memoryGiB: 0 } };
  // 12 vCPUs at 50% → 24 environments: 6 instances of 4, or 8 instances of 3 after the reservation.
  assert.equal(sizeLmiCapacity(input).instances, 6);
  assert.equal(sizeLmiCapacity({ ...input, reservation: { vcpus: 0.5, memoryGiB: 1 } }).instances, 8);
  assert.throws(() => sizeLmiCapacity({ ...input, memoryMb: 32768, gibPerVcpu: 4 }), (e: unknown) => e instanceof UsageError && /fits on none of m7g.xlarge/.test(e.message));
});
