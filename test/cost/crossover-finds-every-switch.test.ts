import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossover } from '../../runner/cost/crossover.ts';
import { lambdaUsdPerHourAt, lmiUsdPerHourAt, type CostScenario } from '../../runner/cost/scenario.ts';
import { factsPriceBook } from './helpers/prices.ts';

test('every rate where the cheaper mode switches along the LMI staircase is found', () => {
  const prices = factsPriceBook();
  // 20 CPU-ms per request at the Auto 50% CPU target → 100 rps per instance; a 33 ms, 1 GB Lambda costs about 5% more per
  // rps than one instance's share, so the line weaves through the steps several times.
  const scenario: CostScenario = {
    lambda: { meanDurationMs: 33, memoryMb: 1024, architecture: 'x86_64', freeTier: false },
    lmi: {
      instanceTypes: ['m7g.xlarge'],
      discount: 0,
      capacity: { cpuSecondsPerRequest: 0.02, meanDurationMs: 33, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, reservation: { vcpus: 0, memoryGiB: 0 } },
    },
  };
  const difference = (rps: number) => lambdaUsdPerHourAt(scenario.lambda, prices, rps) - lmiUsdPerHourAt(scenario.lmi, prices, rps).usdPerHour;
  const found = crossover(scenario, prices).requestsPerSecond;
  assert.ok(found.length >= 10, `expected many switches, found ${found.length}`);
  for (const rate of found) {
    assert.notEqual(Math.sign(difference(rate * 0.999)), Math.sign(difference(rate * 1.001)), `no switch at ${rate}`);
  }
  // Between two reported rates the cheaper mode must not change (checked on a dense linear grid).
  const bounds = [0.01, ...found, 100_000];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const low = (bounds[i] ?? 0) * 1.001;
    const high = (bounds[i + 1] ?? 0) * 0.999;
    const signs = new Set(Array.from({ length: 200 }, (_, k) => Math.sign(difference(low + ((high - low) * k) / 199))));
    assert.equal(signs.size, 1, `the cheaper mode changes between ${low} and ${high} without being reported`);
  }
  // Past the last switch LMI stays cheaper: each instance's share costs less than Lambda per rps.
  assert.ok(difference(100_000) > 0);
});
