// LMI with one slot per environment and 2 environments, driven at concurrency 16 by a handler
// that takes 300 ms: most requests get 429 and every phase ends with requests in flight. The
// level still ends within 5 s of its load time (a throttled request is never waited for; the
// function timeout here is 30 s), and the level's figures come from its trials' own windows:
// no window the level is measured over spans the wait between two trials. A level whose
// requests are all refused with 413 (never recorded by the target) ends on time too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import type { Variant } from '../../runner/domain.ts';
import type { DeployedVariant } from '../../runner/target/target.ts';

test('a level that throttles most requests ends on time, and the wait between trials is in no measured window', { timeout: 150_000 }, async () => {
  const variant: Variant = { id: 'lmi-c1-g2', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 1, gibPerVcpu: 2 } };
  const plan = testPlan({
    modes: ['lmi'], concurrency: [16], durationSec: 1.5, warmupSec: 1, trials: 2, timeoutSec: 30, event: { delayMs: 300 },
    lmi: { memoryMb: 2048, maxConcurrency: [1], gibPerVcpu: [2], minEnvironments: 2, instanceType: 'm7g.xlarge', maxVcpus: 400 },
  });
  const target = new LocalTarget(plan);
  const queried: Array<{ startMs: number; endMs: number }> = [];
  const windowStats = target.windowStats.bind(target);
  target.windowStats = (deployed: DeployedVariant, window: { startMs: number; endMs: number }) => {
    queried.push({ ...window });
    return windowStats(deployed, window);
  };
  let levelStartMs = 0;
  let levelEndMs = 0;
  const result = await runSweep(plan, target, [variant], {
    signal: new AbortController().signal,
    onProgress: (p) => {
      if (p.phase === 'warm-up' && levelStartMs === 0) levelStartMs = Date.now() - p.elapsedMs;
    },
    onLevel: () => (levelEndMs = Date.now()),
  });
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  if (level?.state !== 'measured') return;
  assert.ok(level.requests.throttled > level.requests.ok, `throttled ${level.requests.throttled}, ok ${level.requests.ok}`);
  const loadSec = plan.warmupSec + plan.trials * plan.durationSec;
  const levelSec = (levelEndMs - levelStartMs) / 1000;
  assert.ok(levelSec < loadSec + 5, `the level took ${levelSec.toFixed(1)} s for ${loadSec} s of load`);

  const [first, second] = level.trials;
  assert.ok(first && second);
  assert.ok(second.window.startMs > first.window.endMs);
  const spansTheWait = queried.filter((w) => w.startMs <= first.window.endMs && w.endMs >= second.window.startMs);
  assert.deepEqual(spansTheWait, [], 'a window the level was measured over includes the wait between its trials');
  // The level's own figures are still there, from the trials' windows.
  assert.ok(level.environments >= 2, `environments ${level.environments}`);
  // Present, not positive: this fixture only sleeps, and the kernel reports CPU in 10 ms ticks,
  // so 20 sleeping requests may add up to 0 (a CPU figure's size is tested on cpu-bound).
  assert.ok(level.cpuSecondsPerRequest !== null && level.cpuSecondsPerRequest >= 0, `cpu ${level.cpuSecondsPerRequest}`);
});

test('a level whose every request is refused with 413 (an event over 6 MB) ends on time', { timeout: 150_000 }, async () => {
  const variant: Variant = { id: 'lambda-m512', mode: 'lambda', settings: { memoryMb: 512 } };
  const plan = testPlan({ modes: ['lambda'], concurrency: [4], durationSec: 1, warmupSec: 1, trials: 1, timeoutSec: 30, event: { delayMs: 0, padding: 'x'.repeat(7 * 1024 * 1024) } });
  let levelStartMs = 0;
  let levelEndMs = 0;
  const result = await runSweep(plan, new LocalTarget(plan), [variant], {
    signal: new AbortController().signal,
    onProgress: (p) => {
      if (p.phase === 'warm-up' && levelStartMs === 0) levelStartMs = Date.now() - p.elapsedMs;
    },
    onLevel: () => (levelEndMs = Date.now()),
  });
  const level = result.levels[0];
  assert.equal(level?.state, 'failed', JSON.stringify(level));
  assert.match(level?.state === 'failed' ? level.reason : '', /no successful response .*HTTP 413/);
  const levelSec = (levelEndMs - levelStartMs) / 1000;
  assert.ok(levelSec < plan.warmupSec + plan.durationSec + 5, `the level took ${levelSec.toFixed(1)} s for 2 s of load`);
});
