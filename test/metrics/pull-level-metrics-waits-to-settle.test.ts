// test-lane: concurrent: asserts a lower bound on a wait, which load cannot break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import type { CloudWatchAccess } from '../../runner/metrics/access.ts';
import { invocation, serveStore } from '../cloudwatch/serve.ts';

test('with settleMs the pull waits for late data, then reads until two reads agree', async () => {
  const served = await serveStore();
  try {
    const endMs = Date.now();
    const startMs = endMs - 3000;
    served.store.recordInvocation(invocation('fn', startMs + 100, 50));
    // An invocation that started in the window but is only recorded when it finishes, after the window.
    setTimeout(() => served.store.recordInvocation(invocation('fn', startMs + 2500, Date.now() - (startMs + 2500))), 700);
    const access: CloudWatchAccess = { endpoint: served.endpoint, region: 'us-east-1', functionDimensions: { FunctionName: 'fn' }, periodSec: 1 };
    const began = Date.now();
    const summary = await pullLevelMetrics(access, { startMs, endMs }, 'lambda', { settleMs: 1500 });
    assert.equal(summary.invocations, 2, 'the late invocation is in');
    assert.ok(Date.now() - began >= 1500, 'it waited for the data to settle');
    assert.ok(served.seen.length >= 2, 'it read again to confirm');
  } finally {
    await served.close();
  }
});

test('the settle wait stops when the signal aborts', async () => {
  const served = await serveStore();
  try {
    const access: CloudWatchAccess = { endpoint: served.endpoint, region: 'us-east-1', functionDimensions: { FunctionName: 'fn' }, periodSec: 60 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by the user')), 100);
    const now = Date.now();
    await assert.rejects(pullLevelMetrics(access, { startMs: now - 1000, endMs: now }, 'lambda', { settleMs: 60_000, signal: controller.signal }), /stopped by the user/);
    assert.equal(served.seen.length, 0);
  } finally {
    await served.close();
  }
});
