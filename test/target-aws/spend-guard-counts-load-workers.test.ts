// test-lane: concurrent: asserts estimates.
// The spend guard adds the load workers' own Lambda cost as a line of its own: every worker
// invoked once per phase of every level of every variant, for the phase and its lead, at the
// worker function's memory and architecture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { estimateRunCost } from '../../runner/target/aws/spend-guard.ts';
import { awsPlan } from './helpers.ts';

const prices = await loadPriceBook({ region: 'us-east-1', offline: true });

test('4 load workers: one line, the worker invocations priced as the worker function', async () => {
  const base = await awsPlan(['--modes', 'lambda,lmi', '--concurrency', '8,64', '--duration', '600', '--warmup', '2', '--trials', '2']);
  const withWorkers = { ...base, load: { workers: 4, parallelVariants: true } };
  const without = estimateRunCost(base, prices);
  const estimate = estimateRunCost(withWorkers, prices);
  assert.equal(without.lines.filter((l) => l.item.startsWith('load workers')).length, 0);
  const line = estimate.lines.find((l) => l.item === 'load workers (4 per level)');
  assert.ok(line, estimate.lines.map((l) => l.item).join(', '));
  // 2 variants × 2 levels × 3 phases × 4 workers; each phase (2 + 2 × 600) / 3 s plus the 5 s lead.
  const expected = lambdaCost({ requests: 48, billedDurationMs: ((2 + 1200) / 3) * 1000 + 5000, memoryMb: 1769, architecture: 'arm64' }, prices);
  assert.ok(Math.abs(line.usd - expected.totalUsd) < 1e-12, `${line.usd} vs ${expected.totalUsd}`);
  assert.match(line.detail, /^48 invocations/);
  assert.ok(Math.abs(estimate.totalUsd - without.totalUsd - line.usd) < 1e-9, 'the rest of the estimate is unchanged');
});
