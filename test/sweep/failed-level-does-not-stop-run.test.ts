// test-lane: concurrent: asserts level states.
// A level that fails (here: every request answered 500) is recorded as failed with its reason
// and the sweep goes on; a variant whose deploy fails gets failed levels; the target is
// started once, every deployed variant removed, and the target stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { HttpTarget } from './http-target.ts';
import { lambdaVariant, lmiVariant, testPlan } from '../fixtures/test-plan.ts';

test('failed levels and failed deploys are recorded and the sweep continues', async () => {
  const target = new HttpTarget({ delayMs: 10, failAtConcurrency: 1, failDeployOf: lmiVariant.id });
  const plan = testPlan({ concurrency: [1], warmupSec: 0, trials: 1, durationSec: 0.3 });
  const seen: number[] = [];
  const result = await runSweep(plan, target, [lambdaVariant, lmiVariant], {
    signal: new AbortController().signal,
    onLevel: (_level, index, count) => seen.push(index * 10 + count),
  });
  assert.equal(result.status, 'complete');
  assert.equal(result.levels.length, 2);
  const [first, second] = result.levels;
  assert.equal(first?.state, 'failed');
  assert.match(first?.state === 'failed' ? first.reason : '', /no successful response \(0 throttled, \d+ errors, most often HTTP 500\)/);
  assert.equal(second?.state, 'failed');
  assert.match(second?.state === 'failed' ? second.reason : '', /deploy failed: capacity provider not ready/);
  assert.deepEqual(seen, [12, 22]);
  assert.deepEqual(target.calls, ['start', 'started', `deploy ${lambdaVariant.id}`, `remove ${lambdaVariant.id}`, `deploy ${lmiVariant.id}`, 'stop']);
});
