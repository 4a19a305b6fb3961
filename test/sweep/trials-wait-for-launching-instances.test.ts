// LMI with one slot per environment, each environment filling a c7g.large: the 3 base
// instances hold the 3 minimum environments, so the scale-out the warm-up's load causes needs
// new instances, which launch after the plan's launch delay. The trials start only once those
// environments run (the wait is kept in run.json as warmup.capacityWaitMs), so a trial measures
// the settled fleet, not the launch; with the delay at 0 nothing waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { awaitingInstance } from '../../runner/sweep/settle-capacity.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import type { Variant } from '../../runner/domain.ts';
import type { DeployedVariant } from '../../runner/target/target.ts';
import type { WindowStats } from '../../runner/engine/protocol.ts';

const variant: Variant = { id: 'lmi-c1-g2', mode: 'lmi', settings: { memoryMb: 4096, maxConcurrency: 1, gibPerVcpu: 2 } };

function plan(launchDelaySec: number) {
  return testPlan({
    modes: ['lmi'], concurrency: [8], durationSec: 1, warmupSec: 3, trials: 1, timeoutSec: 30, event: { delayMs: 200 },
    lmi: { memoryMb: 4096, maxConcurrency: [1], gibPerVcpu: [2], minEnvironments: 3, instanceType: 'c7g.large', maxVcpus: 400, instanceLaunchDelaySec: launchDelaySec },
  });
}

/** Runs the one-level sweep, keeping every window the sweep asked the target about with its stats. */
async function sweep(launchDelaySec: number) {
  const target = new LocalTarget(plan(launchDelaySec));
  const asked: Array<{ window: { startMs: number; endMs: number }; stats: WindowStats | null }> = [];
  const windowStats = target.windowStats.bind(target);
  target.windowStats = async (d: DeployedVariant, window: { startMs: number; endMs: number }) => {
    const stats = await windowStats(d, window);
    asked.push({ window: { ...window }, stats });
    return stats;
  };
  const phases = new Set<string>();
  const result = await runSweep(plan(launchDelaySec), target, [variant], {
    signal: new AbortController().signal,
    onProgress: (p) => phases.add(p.phase),
  });
  return { result, asked, phases };
}

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

test('with the launch delay at 0 the trials start right after the warm-up', { timeout: 120_000 }, async () => {
  const { result, phases } = await sweep(0);
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  if (level?.state !== 'measured') return;
  assert.equal(level.warmup?.capacityWaitMs, undefined);
  assert.ok(!phases.has('capacity'), `phases seen: ${[...phases].join(', ')}`);
});
