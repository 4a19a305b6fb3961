// test-lane: concurrent: asserts counts and that the percentiles hold the 2xx responses only (a lower bound of 49 ms on a 50 ms handler), not rates or how fast.
// LMI with one slot per environment and 3 environments, driven at concurrency 16: most
// requests find every slot busy and get 429. They are counted as throttled, and the latency
// percentiles are those of the 2xx responses alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { decodeHistogram, summarizeLatency } from '../../runner/load/latency-histogram.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import type { Variant } from '../../runner/domain.ts';

test('LMI maxConcurrency 1 × 3 environments at concurrency 16: 429s in requests.throttled, percentiles from 2xx only', { timeout: 60_000 }, async () => {
  const variant: Variant = { id: 'lmi-c1-g2', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 1, gibPerVcpu: 2 } };
  const plan = testPlan({
    modes: ['lmi'], concurrency: [16], durationSec: 1.5, warmupSec: 0, trials: 1, event: { delayMs: 50 },
    lmi: { memoryMb: 2048, maxConcurrency: [1], gibPerVcpu: [2], minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400 },
  });
  const result = await runSweep(plan, new LocalTarget(plan), [variant], { signal: new AbortController().signal });
  const level = result.levels[0];
  assert.equal(level?.state, 'measured', JSON.stringify(level));
  if (level?.state !== 'measured') return;
  assert.ok(level.requests.throttled > 0, `throttled ${level.requests.throttled}`);
  assert.ok(level.requests.ok > 0);
  const successes = decodeHistogram(level.histogram);
  assert.equal(successes.totalCount, level.requests.ok, 'the histogram holds the 2xx responses and nothing else');
  assert.deepEqual(level.latencyMs, summarizeLatency(successes));
  // A 429 is answered at once; had one entered the percentiles, the minimum would be far below 50 ms.
  assert.ok(level.latencyMs.min >= 49, `min ${level.latencyMs.min}`);
  assert.ok(level.environments >= 3);
});
