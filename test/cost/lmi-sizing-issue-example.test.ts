import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { factsPriceBook } from './helpers/prices.ts';

// 30 ms CPU and 50 ms per request, 2048 MB at 2 GiB per vCPU (1 vCPU), a manual 60% CPU target,
// on m7g.2xlarge (8 vCPU, 32 GiB) with no reservation.
const shape = {
  cpuSecondsPerRequest: 0.03,
  meanDurationMs: 50,
  maxConcurrency: 64,
  memoryMb: 2048,
  gibPerVcpu: 2,
  reservation: { vcpus: 0, memoryGiB: 0 },
  target: { mode: 'manual', cpuPercent: 60 },
  candidates: pricedCandidates(factsPriceBook(), ['m7g.2xlarge'], 0),
} as const;

test('400 req/s × 30 ms CPU at a 60% target: 20 environments on the 3-instance floor', () => {
  const sizing = sizeLmiCapacity({ ...shape, candidates: [...shape.candidates], requestsPerSecond: 400 });
  // 12 vCPUs busy ÷ (1 vCPU × 0.6) = 20; 8 environments per instance would need 3 instances anyway.
  assert.equal(sizing.cpuDemandVcpus, 12);
  assert.equal(sizing.environments, 20);
  assert.equal(sizing.binding, 'cpu');
  assert.equal(sizing.environmentsPerInstance, 8);
  assert.equal(sizing.instances, 3);
  assert.equal(sizing.instanceType, 'm7g.2xlarge');
});

test('4000 req/s: 200 environments on 25 instances', () => {
  const sizing = sizeLmiCapacity({ ...shape, candidates: [...shape.candidates], requestsPerSecond: 4000 });
  assert.equal(sizing.environments, 200);
  assert.equal(sizing.instances, 25);
  assert.equal(sizing.atFloor, false);
  assert.equal(sizing.instancesUsdPerHour, 25 * (0.3264 + 0.3264 * 0.15));
});
