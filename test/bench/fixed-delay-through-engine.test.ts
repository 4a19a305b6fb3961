// test-lane: serial: asserts p50 and p99 within a few ms of the handler delay.
// The 50 ms fixture through the real engine (standard Lambda, concurrency 4): the measured
// percentiles sit just above the handler's fixed delay.
//
// Other processes on a shared 2-core machine only ever ADD latency (scheduling delays), never
// remove it, so the upper bounds are checked on the best of up to five runs: a systematic
// error (whole-ms rounding, connect time or 429s in the histogram, a cold start in the window)
// would fail all five, while the lower bound must hold on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import type { MeasuredLevel } from '../../runner/run/run-file.ts';
import { lambdaVariant, testPlan } from '../fixtures/test-plan.ts';

async function measureOnce(): Promise<MeasuredLevel> {
  const plan = testPlan({ modes: ['lambda'], concurrency: [4], durationSec: 2, warmupSec: 2, trials: 1, event: { delayMs: 50 } });
  const result = await runSweep(plan, new LocalTarget(plan), [lambdaVariant], { signal: new AbortController().signal });
  assert.equal(result.status, 'complete', result.reason);
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  return level as MeasuredLevel;
}

test('fixed 50 ms workload on the local engine at concurrency 4: p50 within 50–53 ms, p99 ≤ 60 ms', { timeout: 150_000 }, async () => {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 5; attempt++) {
    const level = await measureOnce();
    seen.push(`p50 ${level.latencyMs.p50} p99 ${level.latencyMs.p99}`);
    assert.ok(level.latencyMs.min >= 49, `min ${level.latencyMs.min}: faster than the handler's delay`);
    assert.ok(level.latencyMs.p50 >= 50, `p50 ${level.latencyMs.p50}`);
    assert.equal(level.requests.throttled + level.requests.errors, 0);
    assert.equal(level.coldStarts, 0, 'the warm-up started the environments');
    assert.equal(level.environments, 4);
    if (level.latencyMs.p50 <= 53 && level.latencyMs.p99 <= 60) return;
  }
  assert.fail(`no run within p50 ≤ 53 ms and p99 ≤ 60 ms: ${seen.join('; ')}`);
});
