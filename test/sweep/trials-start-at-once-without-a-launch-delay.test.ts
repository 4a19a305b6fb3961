// test-lane: concurrent: asserts the phases seen and that no capacity wait is recorded, nothing about time.
// With the plan's instance launch delay at 0, new LMI instances start at once: the trials follow
// the warm-up without a capacity phase and run.json records no capacity wait, even though the
// warm-up's load needs instances beyond the base fleet (the same sweep as
// trials-wait-for-launching-instances.test.ts, which waits with a delay).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sweep } from './launch-delay-sweep.ts';

test('with the launch delay at 0 the trials start right after the warm-up', { timeout: 120_000 }, async () => {
  const { result, phases } = await sweep(0);
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  if (level?.state !== 'measured') return;
  assert.equal(level.warmup?.capacityWaitMs, undefined);
  assert.ok(!phases.has('capacity'), `phases seen: ${[...phases].join(', ')}`);
});
