// test-lane: concurrent: asserts that the trials waited for a 2 s instance launch (bounded at 32 s) and what the fleet held, not rates.
// LMI with one slot per environment, each environment filling a c7g.large: the 3 base
// instances hold the 3 minimum environments, so the scale-out the warm-up's load causes needs
// new instances, which launch after the plan's launch delay. The trials start only once those
// environments run (the wait is kept in run.json as warmup.capacityWaitMs), so a trial measures
// the settled fleet, not the launch. (With the delay at 0 nothing waits:
// trials-start-at-once-without-a-launch-delay.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awaitingInstance } from '../../runner/sweep/settle-capacity.ts';
import { sweep } from './launch-delay-sweep.ts';

test('trials wait after the warm-up for environments placed on launching instances, and say so', { timeout: 120_000 }, async () => {
  const launchDelaySec = 2;
  const { result, asked, phases } = await sweep(launchDelaySec);
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  if (level?.state !== 'measured') return;
  const waitedMs = level.warmup?.capacityWaitMs ?? 0;
  assert.ok(waitedMs > 0 && waitedMs < launchDelaySec * 1000 + 30_000, `waited ${waitedMs} ms`);
  assert.ok(phases.has('capacity'), `phases seen: ${[...phases].join(', ')}`);
  const trial = level.trials[0];
  assert.ok(trial);
  const during = asked.find((a) => a.window.startMs === trial.window.startMs && a.window.endMs === trial.window.endMs)?.stats;
  assert.ok(during, 'the trial window was asked about');
  // The point in force when the trial began: nothing was still waiting for an instance.
  assert.equal(awaitingInstance(during.timeline.slice(0, 1)), 0, JSON.stringify(during.timeline.slice(0, 3)));
  assert.ok(during.timeline.some((p) => p.instances > 3), 'the fleet had grown past the 3 base instances');
});
