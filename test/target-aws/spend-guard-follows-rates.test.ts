// test-lane: concurrent: asserts estimates.
// With --rates the levels are arrival rates, not concurrencies: the spend guard must price the
// rates asked for (a 2,000 req/s level costs what 2,000 req/s costs, whatever --concurrency says),
// each request lasting at most as long as the level's connection cap allows (Little's law).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { openLoopConnectionCap } from '../../runner/plan/levels.ts';
import { estimateRunCost } from '../../runner/target/aws/spend-guard.ts';
import { awsPlan } from './helpers.ts';

const prices = await loadPriceBook({ region: 'us-east-1', offline: true });

test('open-loop levels are priced at their rates and connection caps, not at the concurrency levels', async () => {
  const plan = await awsPlan(['--modes', 'lambda', '--rates', '50,2000', '--duration', '120', '--warmup', '0']);
  const estimate = estimateRunCost(plan, prices);
  const arch = plan.lambda.architecture;
  const expected = [50, 2000]
    .map((rate) => lambdaCost({ requests: rate * 120, billedDurationMs: (openLoopConnectionCap(rate) * 1000) / rate, memoryMb: 512, architecture: arch }, prices).totalUsd)
    .reduce((a, b) => a + b, 0);
  assert.equal(estimate.lines.length, 1);
  assert.ok(Math.abs(estimate.totalUsd - expected) < 1e-9, `${estimate.totalUsd} vs ${expected}`);
  assert.match(estimate.lines[0]?.detail ?? '', /^246,000 requests/);
  assert.equal(estimate.loadHours, (2 * 120) / 3600);
  assert.ok(estimate.assumptions.some((a) => a.startsWith('open-loop levels send their rate')));
});
