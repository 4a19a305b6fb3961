// An abort in the middle of a level stops the sweep at once: the finished levels are kept,
// the level in progress is dropped, the status is interrupted, and the target is stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { HttpTarget } from './http-target.ts';
import { lambdaVariant, testPlan } from '../fixtures/test-plan.ts';

test('abort during the second level returns the first level, interrupted', async () => {
  const target = new HttpTarget({ delayMs: 10 });
  const plan = testPlan({ concurrency: [1, 2], trials: 1, durationSec: 0.5, warmupSec: 0 });
  const controller = new AbortController();
  const began = Date.now();
  const result = await runSweep({ ...plan, durationSec: 0.5 }, target, [lambdaVariant], {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.concurrency === 2 && p.phase === 'trial' && p.requests.ok > 0) controller.abort();
    },
  });
  assert.ok(Date.now() - began < 3000);
  assert.equal(result.status, 'interrupted');
  assert.equal(result.levels.length, 1);
  assert.equal(result.levels[0]?.concurrency, 1);
  assert.equal(result.levels[0]?.state, 'measured');
  assert.equal(target.calls.at(-1), 'stop');
});
