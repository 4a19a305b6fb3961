// Variants side by side on an AWS-like target: level k of every variant runs in the same
// window, aligned to the metrics period (here 2 s, AWS's being 60/300 s), each level filling
// its n whole periods back to back; the metrics are pulled after, while the next level runs,
// and the levels are recorded level by level in variant order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import type { DeployedVariant, Target } from '../../runner/target/target.ts';
import type { CloudWatchSummary, MeasuredLevel } from '../../runner/run/run-file.ts';
import type { Variant } from '../../runner/domain.ts';
import { HttpTarget } from './http-target.ts';
import { lambdaVariant, lmiVariant, testPlan } from '../fixtures/test-plan.ts';

/** An HttpTarget that calls itself aws and publishes metrics every 2 seconds. */
function awsLike(inner: HttpTarget): Target {
  return {
    kind: 'aws',
    start: () => inner.start(),
    deploy: async (variant: Variant): Promise<DeployedVariant> => {
      const deployed = await inner.deploy(variant);
      return { ...deployed, cloudwatch: { ...deployed.cloudwatch, periodSec: 2 } };
    },
    windowStats: (d, w) => inner.windowStats(d, w),
    remove: (d) => inner.remove(d),
    stop: () => inner.stop(),
  };
}

const summary: CloudWatchSummary = { invocations: 1, errors: 0, throttles: 0, durationMs: null, concurrentExecutionsMax: null };

test('parallel variants on aws: same aligned windows, whole periods, pulls after, order kept', async () => {
  // durationSec 6 is what the AWS plan check gives for 2 whole periods of 2 s.
  const plan = testPlan({ concurrency: [2, 4], durationSec: 6, warmupSec: 0.2, trials: 1, load: { workers: 1, parallelVariants: true } });
  const pulls: Array<{ startMs: number; endMs: number; at: number }> = [];
  const result = await runSweep(plan, awsLike(new HttpTarget({ delayMs: 20 })), [lambdaVariant, lmiVariant], {
    signal: new AbortController().signal,
    pullMetrics: async (_access, window) => {
      pulls.push({ ...window, at: Date.now() });
      return summary;
    },
  });
  assert.equal(result.status, 'complete', result.reason);
  assert.deepEqual(result.levels.map((l) => `${l.variantId}@${l.concurrency}`), ['lambda-m512@2', 'lmi-c8-g2@2', 'lambda-m512@4', 'lmi-c8-g2@4']);
  const levels = result.levels as MeasuredLevel[];
  for (const level of levels) {
    assert.equal(level.state, 'measured');
    assert.deepEqual(level.cloudwatch, summary, 'pulled after the load');
  }
  const boundaries: number[] = [];
  for (const [a, b] of [[levels[0], levels[1]], [levels[2], levels[3]]] as Array<[MeasuredLevel, MeasuredLevel]>) {
    // The trial opens 0.7 s after a period boundary: the warm-up's 0.2 s and a gap of 0.5 s (a
    // quarter of a slot, the level's 4 s being shared by the warm-up and one trial)...
    const boundary = Math.round((a.window.startMs - 700) / 2000) * 2000;
    boundaries.push(boundary);
    for (const level of [a, b]) {
      // (a late start, the first load of the process paying for its JIT, still ends on time)
      assert.ok(level.window.startMs >= boundary + 700 && level.window.startMs < boundary + 1100, `trial starts ${level.window.startMs - boundary} ms after the boundary`);
      // ...and ends a gap before the end of its 2 whole periods.
      assert.ok(level.window.endMs <= boundary + 3500 + 150, `trial ends ${level.window.endMs - boundary} ms after the boundary`);
      assert.ok(level.window.endMs - level.window.startMs > 2000, `trial ${level.window.endMs - level.window.startMs} ms`);
    }
  }
  // Back to back: the second level starts on the first one's last boundary.
  assert.equal((boundaries[1] ?? 0) - (boundaries[0] ?? 0), 4000);
  // The first level's pulls did not hold the second level up: they ran before its end.
  assert.equal(pulls.length, 4);
  assert.ok(pulls.slice(0, 2).every((p) => p.at < (levels[2]?.window.endMs ?? 0)));
});
