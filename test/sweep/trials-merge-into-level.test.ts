// A level's trials merge: counts summed, histograms added, percentiles of the merged
// histogram, window from the first trial's start to the last trial's end, the target's figures
// from the trials' own windows; levels in ascending concurrency per variant, lambda before LMI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { decodeHistogram, mergeHistograms, summarizeLatency } from '../../runner/load/latency-histogram.ts';
import { HttpTarget } from './http-target.ts';
import { lambdaVariant, lmiVariant, testPlan } from '../fixtures/test-plan.ts';

test('trials merge into the level and levels come in plan order', async () => {
  const target = new HttpTarget({ delayMs: 20 });
  const plan = testPlan({ concurrency: [1, 4], trials: 2, durationSec: 0.5, warmupSec: 0.2 });
  const result = await runSweep(plan, target, [lambdaVariant, lmiVariant], { signal: new AbortController().signal });
  assert.equal(result.status, 'complete');
  assert.deepEqual(result.levels.map((l) => `${l.variantId}@${l.concurrency}`), ['lambda-m512@1', 'lambda-m512@4', 'lmi-c8-g2@1', 'lmi-c8-g2@4']);
  for (const level of result.levels) {
    assert.equal(level.state, 'measured');
    if (level.state !== 'measured') continue;
    assert.equal(level.trials.length, 2);
    const [a, b] = level.trials;
    assert.ok(a && b);
    assert.equal(level.requests.ok, a.requests.ok + b.requests.ok);
    assert.equal(decodeHistogram(level.histogram).totalCount, level.requests.ok);
    assert.deepEqual(level.latencyMs, summarizeLatency(mergeHistograms([a.histogram, b.histogram])));
    assert.equal(level.window.startMs, a.window.startMs);
    assert.equal(level.window.endMs, b.window.endMs);
    assert.ok(b.window.startMs >= a.window.endMs, 'trials do not overlap');
    const measuredSec = (a.window.endMs - a.window.startMs + b.window.endMs - b.window.startMs) / 1000;
    assert.ok(Math.abs(level.throughputRps - level.requests.ok / measuredSec) < 1e-9);
    // The fixture's window stats (one cold start for each window asked): the level's figures sum
    // its two trials' own windows, and CPU per request derives from what they served.
    assert.equal(level.coldStarts, 2);
    assert.deepEqual(level.initDurationMs, { count: 2, mean: 12, max: 12 });
    assert.ok(level.cpuSecondsPerRequest !== null && level.cpuSecondsPerRequest > 0);
    assert.ok(level.latencyMs.p50 >= 19 && level.latencyMs.p50 < 40, `p50 ${level.latencyMs.p50}`);
  }
});
