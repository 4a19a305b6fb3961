// The load workers' cost in run.json: every worker invocation of the run, billed for the time
// the runner waited on it at the worker function's memory; none without workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { loadWorkerCost } from '../../runner/cost/load-worker-cost.ts';
import type { LevelResult } from '../../runner/run/run-file.ts';

const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
const none = { ok: 0, throttled: 0, errors: 0 };

const levels: LevelResult[] = [
  {
    mode: 'lmi', variantId: 'lmi-c64-g2', settings: { memoryMb: 2048 }, concurrency: 32, state: 'failed', reason: 'trial 1: load worker 1 failed: killed',
    load: { mode: 'workers', workers: [{ worker: 0, requests: none, window: null, invokedMs: 12_000, invocations: 2 }, { worker: 1, requests: none, window: null, invokedMs: 3_000, invocations: 2, error: 'killed' }] },
  },
  {
    mode: 'lambda', variantId: 'lambda-m512', settings: { memoryMb: 512 }, concurrency: 8, state: 'failed', reason: 'deploy failed: x', load: { mode: 'in-process' },
  },
];

test('every worker invocation, failed ones too, priced at the worker memory', () => {
  const cost = loadWorkerCost(levels, 2, { memoryMb: 1769, architecture: 'arm64' }, prices, false);
  assert.ok(cost);
  assert.equal(cost.invocations, 4);
  assert.ok(Math.abs(cost.gbSeconds - 15 * (1769 / 1024)) < 1e-9);
  const expected = lambdaCost({ requests: 4, billedDurationMs: 15_000 / 4, memoryMb: 1769, architecture: 'arm64' }, prices).totalUsd;
  assert.ok(cost.usd !== null && Math.abs(cost.usd - expected) < 1e-12);
  assert.equal(cost.note, undefined);
  const local = loadWorkerCost(levels, 2, { memoryMb: 1769, architecture: 'arm64' }, null, true);
  assert.equal(local?.usd, null);
  assert.match(local?.note ?? '', /local engine/);
});

test('no workers, no cost line', () => {
  assert.equal(loadWorkerCost([levels[1] as LevelResult], 1, { memoryMb: 1769, architecture: 'arm64' }, prices, false), null);
});
