import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTypeNames } from '../../runner/cost/candidates.ts';
import { breakEven, crossoverRange, reportedInstanceChoices } from '../../runner/cost/crossover-range.ts';
import type { CostScenario } from '../../runner/cost/scenario.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';

function scenario(instanceTypes: string[]): CostScenario {
  // An I/O-bound handler: 100 ms on standard Lambda at 512 MB, 5 ms of CPU per request.
  return {
    lambda: { meanDurationMs: 100, memoryMb: 512, architecture: 'x86_64', freeTier: false },
    lmi: { instanceTypes, discount: 0, capacity: { cpuSecondsPerRequest: 0.005, meanDurationMs: 100, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2 } },
  };
}

test('with AWS choosing the type, the break-even runs from the cheapest allowed fleet to the latest of the types Lambda is reported to pick', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const allowed = candidateTypeNames(prices, { architecture: 'x86_64' });
  const range = crossoverRange(scenario(allowed), prices, 'x86_64');
  assert.ok(range, 'a range when the type is not pinned');
  const cheapest = breakEven(scenario(allowed), prices);
  assert.equal(range.lowRequestsPerSecond, cheapest?.requestsPerSecond);
  assert.equal(range.lowInstanceType, cheapest?.instanceType);
  assert.ok(reportedInstanceChoices.x86_64.includes(range.highInstanceType));
  // The high end is that type's own break-even, and no reported type breaks even later.
  const high = breakEven(scenario([range.highInstanceType]), prices);
  assert.equal(range.highRequestsPerSecond, high?.requestsPerSecond);
  for (const type of reportedInstanceChoices.x86_64) {
    assert.ok((breakEven(scenario([type]), prices)?.requestsPerSecond ?? Infinity) <= (range.highRequestsPerSecond ?? Infinity));
  }
  assert.ok(range.lowRequestsPerSecond < (range.highRequestsPerSecond ?? Infinity), JSON.stringify(range));
});

test('one type pinned gives one figure, no range', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  assert.equal(crossoverRange(scenario(['m7i.xlarge']), prices, 'x86_64'), null);
});

test('on arm64, where the reported m9g.xlarge has no price, m8g.xlarge stands in at the high end rather than the worst allowed type', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const allowed = candidateTypeNames(prices, { architecture: 'arm64' });
  assert.ok(!allowed.includes('m9g.xlarge') && allowed.includes('m8g.xlarge'), 'the snapshot prices m8g.xlarge, not m9g.xlarge');
  const arm = (types: string[]): CostScenario => ({ ...scenario(types), lambda: { ...scenario(types).lambda, architecture: 'arm64' } });
  const range = crossoverRange(arm(allowed), prices, 'arm64');
  assert.ok(range);
  assert.equal(range.highInstanceType, 'm8g.xlarge');
  assert.equal(range.highRequestsPerSecond, breakEven(arm(['m8g.xlarge']), prices)?.requestsPerSecond ?? null);
  // The worst allowed type would have put the high end far later.
  const worst = Math.max(...allowed.map((type) => breakEven(arm([type]), prices)?.requestsPerSecond ?? 0));
  assert.ok((range.highRequestsPerSecond ?? Infinity) < worst, `${range.highRequestsPerSecond} against ${worst}`);
});
