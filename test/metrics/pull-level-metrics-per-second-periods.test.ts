// test-lane: concurrent: asserts metrics read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import type { CloudWatchAccess } from '../../runner/metrics/access.ts';
import { invocation, minute, serveStore } from '../cloudwatch/serve.ts';

test('with per-second publication the window is read second by second and combined', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    const t = minute(30);
    // Seconds 0..9 of the window, 10 invocations each, durations 10..19 ms in every second.
    for (let s = 0; s < 10; s++) for (let i = 0; i < 10; i++) served.store.recordInvocation(invocation('fn', t + s * 1000 + i * 90, 10 + i));
    // Warm-up traffic in the second before the window and a later level after it stay out.
    served.store.recordInvocation(invocation('fn', t - 500, 1000));
    served.store.recordInvocation(invocation('fn', t + 10_000, 1000));
    const access: CloudWatchAccess = { endpoint: served.endpoint, region: 'us-east-1', functionDimensions: { FunctionName: 'fn' }, periodSec: 1 };
    const summary = await pullLevelMetrics(access, { startMs: t, endMs: t + 10_000 }, 'lambda');
    assert.equal(summary.invocations, 100);
    assert.equal(summary.errors, 0);
    assert.equal(summary.durationMs?.average, 14.5);
    assert.equal(summary.durationMs?.maximum, 19);
    // Every second has the same distribution, so the combined percentiles are exact here.
    assert.equal(summary.durationMs?.p50, 14);
    assert.equal(summary.durationMs?.p90, 18);
    assert.equal(summary.durationMs?.p99, 19);
    // The warm-up call (t-0.5 s to t+0.5 s) overlaps the first one.
    assert.equal(summary.concurrentExecutionsMax, 2);
  } finally {
    await served.close();
  }
});
