// test-lane: concurrent: asserts the order of the target's calls and the interrupted result, not time.
// Ctrl-C while the target is still starting: the sweep returns interrupted at once, but only
// stops the target once its start has finished, so no half-started platform stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { HttpTarget } from './http-target.ts';
import { lambdaVariant, testPlan } from '../fixtures/test-plan.ts';

test('abort during start: interrupted, no level, stop after started', async () => {
  const target = new HttpTarget({ delayMs: 10, startDelayMs: 400 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const result = await runSweep(testPlan(), target, [lambdaVariant], { signal: controller.signal });
  assert.equal(result.status, 'interrupted');
  assert.deepEqual(result.levels, []);
  assert.deepEqual(target.calls, ['start', 'started', 'stop']);
});
