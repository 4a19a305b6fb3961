import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { crossover } from '../../runner/cost/crossover.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { sampleRun } from './helpers/run.ts';

test('attachCosts computes the crossover from the best-supported levels and says which and why', () => {
  const prices = factsPriceBook();
  const options = { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64' as const, instanceType: 'm7g.xlarge', minEnvironments: 3, profile: constantProfile(50) };
  const priced = attachCosts(sampleRun(), prices, options);
  const result = priced.crossover;
  assert.ok(result);
  // Lambda c64 served the most requests but throttled 9%: the c32 level is the best supported.
  assert.equal(result.basis.lambdaVariantId, 'lambda-m1024');
  assert.match(result.basis.note, /lambda-m1024 at concurrency 32/);
  assert.match(result.basis.note, /lmi-c64-g2 at concurrency 32/);
  assert.match(result.basis.note, /≤ 1% failed or throttled/);
  const expected = crossover(
    {
      lambda: { meanDurationMs: 55, memoryMb: 1024, architecture: 'x86_64', freeTier: false },
      lmi: { instanceTypes: ['m7g.xlarge'], discount: 0, capacity: { cpuSecondsPerRequest: 0.0008, meanDurationMs: 53, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, minEnvironments: 3 } },
    },
    prices,
  );
  assert.deepEqual(result.requestsPerSecond, expected.requestsPerSecond);
  assert.ok(result.requestsPerSecond.length >= 1);
  // 3 × $0.18768/h floor against Lambda's $0.0033/h per rps net of requests: about 170 rps.
  const first = result.requestsPerSecond[0] ?? 0;
  assert.ok(first > 150 && first < 190, `first crossover ${first}`);
  assert.ok(result.curve.length > 100);
  assert.ok(result.curve.every((p) => p.lmiInstances >= 3 && p.lmiInstanceType === 'm7g.xlarge'));
  // The report's sensitivity table: the crossover at LMI discounts 0, 30%, 50% and 72%, deeper discounts crossing earlier.
  assert.deepEqual(result.sensitivity?.map((s) => s.lmiDiscount), [0, 0.3, 0.5, 0.72]);
  const firsts = result.sensitivity?.map((s) => s.requestsPerSecond[0] ?? Infinity) ?? [];
  assert.ok(firsts.every((rate, i) => i === 0 || rate < (firsts[i - 1] ?? 0)), firsts.join(', '));
  assert.equal(firsts[0], first);
  // The floor: 3 instances all month, stated with its share of LMI's monthly cost.
  assert.ok(result.floor && result.floor.instances === 3 && Math.abs(result.floor.usdPerMonth - 3 * 730 * (0.1632 + 0.02448)) < 1e-6);
  assert.ok(result.assumptions.some((a) => /Little's law/.test(a)));
  assert.ok(result.profile && result.profile.name === 'constant:50');
  assert.ok(Math.abs(result.profile.requestsPerMonth - 50 * 3600 * 730) < 1e-3);
  // At 50 rps, below the crossover, Lambda is the cheaper month.
  assert.ok(result.profile.lambdaUsdPerMonth < result.profile.lmiUsdPerMonth);
  // At 50 rps LMI is all floor.
  assert.equal(result.profile.floorShareOfLmi !== undefined && result.profile.floorShareOfLmi > 0.9, true);
});
