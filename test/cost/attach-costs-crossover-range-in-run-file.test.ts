import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { sampleRun } from './helpers/run.ts';

test('run.json carries crossover.range when AWS picks the type (x86_64 by default) and none when one type is pinned', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const base = { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', minEnvironments: 3 } as const;
  const priced = attachCosts(sampleRun(), prices, base);
  const range = priced.crossover?.range;
  assert.ok(range, 'a range in Auto mode');
  assert.equal(range.lowRequestsPerSecond, priced.crossover?.requestsPerSecond.at(-1));
  assert.ok(['c7a.2xlarge', 'm7a.xlarge', 'm7i.xlarge'].includes(range.highInstanceType));
  assert.ok(range.highRequestsPerSecond === null || range.highRequestsPerSecond >= range.lowRequestsPerSecond);
  assert.ok(priced.crossover?.assumptions.some((a) => a.includes('reported choosing')));
  const pinned = attachCosts(sampleRun(), prices, { ...base, instanceType: 'm7i.xlarge' });
  assert.equal(pinned.crossover?.range, undefined);
});

test("with a traffic profile the range keeps the month on the high end's type, which costs at least the cheapest fleet's", async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const base = { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', minEnvironments: 3 } as const;
  const profile = { name: 'constant 200 req/s', minuteRequests: Array.from({ length: 60 }, () => 200 * 60) };
  const priced = attachCosts(sampleRun(), prices, { ...base, profile });
  const month = priced.crossover?.profile;
  const high = priced.crossover?.range?.highEndProfile;
  assert.ok(month && high);
  // The cheapest fleet is chosen among every type, the high end's type among one: never cheaper.
  assert.ok(high.lmiUsdPerMonth >= month.lmiUsdPerMonth - 1e-9, `${high.lmiUsdPerMonth} < ${month.lmiUsdPerMonth}`);
  const pinned = attachCosts(sampleRun(), prices, { ...base, profile, instanceType: 'm7i.xlarge' });
  assert.equal(pinned.crossover?.range, undefined);
});
