import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { resolveScalingTarget } from '../../runner/capacity/scaling-target.ts';
import { factsPriceBook } from './helpers/prices.ts';

const base = { cpuSecondsPerRequest: 0.02, meanDurationMs: 25, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 }, candidates: pricedCandidates(factsPriceBook(), ['m7g.xlarge'], 0) };

test('Auto is one target, 50% CPU and 50% of slots, applied once: 1000 req/s × 20 ms CPU → 40 environments on 10 instances', () => {
  assert.deepEqual(resolveScalingTarget({ mode: 'auto' }), { mode: 'auto', cpuUtilization: 0.5, slotUtilization: 0.5 });
  const sizing = sizeLmiCapacity({ ...base, requestsPerSecond: 1000 });
  // 20 vCPUs ÷ (1 vCPU × 0.5) = 40, not the 58 that a second 2× headroom on a 70% target gave.
  assert.equal(sizing.environments, 40);
  assert.equal(sizing.instances, 10);
  assert.equal(sizing.target.mode, 'auto');
});

test('a manual target sets both the CPU and the slot utilisation', () => {
  assert.deepEqual(resolveScalingTarget({ mode: 'manual', cpuPercent: 70 }), { mode: 'manual', cpuUtilization: 0.7, slotUtilization: 0.7 });
  // Slots bind: 1000 req/s × 0.5 s = 500 in flight ÷ (64 × 0.7) = 11.2 → 12 environments.
  const sizing = sizeLmiCapacity({ ...base, cpuSecondsPerRequest: 0.001, meanDurationMs: 500, requestsPerSecond: 1000, target: { mode: 'manual', cpuPercent: 70 } });
  assert.equal(sizing.binding, 'slots');
  assert.equal(sizing.environmentsForSlots, 12);
  assert.throws(() => resolveScalingTarget({ mode: 'manual', cpuPercent: 0 }), /from 1 to 100 percent/);
});
