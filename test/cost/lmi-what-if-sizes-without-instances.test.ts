import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiWhatIf } from '../../runner/cost/what-if.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';

test('the what-if sizes a rate with no --instances: 400 and 4,000 req/s on m7g.2xlarge, and the cheapest type when unpinned', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const base = { cpuMsPerRequest: 30, durationMs: 50, memoryMb: 2048, gibPerVcpu: 2, maxConcurrency: 64, target: { mode: 'manual', cpuPercent: 60 }, architecture: 'arm64', lmiDiscount: 0, reservation: { vcpus: 0, memoryGiB: 0 } } as const;
  const small = lmiWhatIf({ ...base, requestsPerSecond: 400, instanceType: 'm7g.2xlarge' }, prices);
  assert.deepEqual([small.environments, small.instances, small.instanceType], [20, 3, 'm7g.2xlarge']);
  const large = lmiWhatIf({ ...base, requestsPerSecond: 4000, instanceType: 'm7g.2xlarge' }, prices);
  assert.deepEqual([large.environments, large.instances], [200, 25]);
  // usdPerHour is the hour's cost lines: 25 × $0.3264 EC2 + 15% fee + 14.4M requests × $0.20/M.
  assert.ok(Math.abs(large.usdPerHour - (25 * 0.3264 * 1.15 + 14.4 * 0.2)) < 1e-9, String(large.usdPerHour));
  assert.ok(Math.abs(large.cost.ec2Usd + large.cost.managementFeeUsd + large.cost.requestsUsd - large.usdPerHour) < 1e-9);
  const unpinned = lmiWhatIf({ ...base, requestsPerSecond: 4000 }, prices);
  assert.match(unpinned.instanceType, /^c\dg\./);
  assert.ok(unpinned.usdPerHour < large.usdPerHour);
});
