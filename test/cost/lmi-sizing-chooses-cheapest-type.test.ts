import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTypeNames, pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';

test('with no pinned type the cheapest fleet wins: compute-optimised for a CPU-heavy 2:1 function, memory-optimised at 8:1', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const names = candidateTypeNames(prices, { architecture: 'arm64' });
  assert.ok(names.includes('c7g.xlarge') && names.includes('m7g.xlarge') && names.includes('r7g.xlarge'));
  assert.ok(names.every((n) => /^[cmr][678]g\./.test(n)), names.join(','));
  const candidates = pricedCandidates(prices, names, 0);
  const cpuHeavy = sizeLmiCapacity({ requestsPerSecond: 1000, cpuSecondsPerRequest: 0.05, meanDurationMs: 60, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 }, candidates });
  assert.match(cpuHeavy.instanceType, /^c\dg\./);
  const onM7g = sizeLmiCapacity({ requestsPerSecond: 1000, cpuSecondsPerRequest: 0.05, meanDurationMs: 60, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 }, candidates: pricedCandidates(prices, ['m7g.xlarge'], 0) });
  assert.ok(cpuHeavy.instancesUsdPerHour < onM7g.instancesUsdPerHour);
  const memoryHeavy = sizeLmiCapacity({ requestsPerSecond: 200, cpuSecondsPerRequest: 0.05, meanDurationMs: 60, maxConcurrency: 64, memoryMb: 8192, gibPerVcpu: 8, reservation: { vcpus: 0, memoryGiB: 0 }, candidates });
  assert.match(memoryHeavy.instanceType, /^r\dg\./);
  // Every candidate was sized; the chosen one is the cheapest of them.
  assert.equal(memoryHeavy.considered[0]?.instanceType, memoryHeavy.instanceType);
  assert.ok(memoryHeavy.considered.every((c) => c.instancesUsdPerHour >= memoryHeavy.instancesUsdPerHour));
});

test('--instance-types narrows the set and --instance-type pins it', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  assert.deepEqual(candidateTypeNames(prices, { architecture: 'arm64', instanceTypes: ['m7g.2xlarge', 'm7g.xlarge'] }), ['m7g.xlarge', 'm7g.2xlarge']);
  assert.deepEqual(candidateTypeNames(prices, { architecture: 'arm64', instanceType: 'm7g.4xlarge' }), ['m7g.4xlarge']);
  assert.throws(() => candidateTypeNames(prices, { architecture: 'arm64', instanceTypes: ['c7i.xlarge'] }), /x86_64, not arm64/);
});
