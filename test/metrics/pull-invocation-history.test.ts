// test-lane: concurrent: asserts metrics read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullInvocationHistory } from '../../runner/metrics/pull.ts';
import { UsageError } from '../../runner/errors.ts';
import { invocation, minute, serveStore } from '../cloudwatch/serve.ts';

test('invocation history comes back per period, oldest first, idle periods absent', async () => {
  const served = await serveStore(undefined, () => minute(600));
  try {
    const perMinute = [3, 0, 7, 1, 0, 0, 2];
    perMinute.forEach((n, m) => {
      for (let i = 0; i < n; i++) served.store.recordInvocation(invocation('fn', minute(m) + i * 1000, 20));
    });
    const access = { endpoint: served.endpoint, region: 'us-east-1', functionDimensions: { FunctionName: 'fn' }, periodSec: 60 };
    const history = await pullInvocationHistory(access, 'fn', minute(0), minute(7), 60);
    assert.deepEqual(history, [
      { atMs: minute(0), invocations: 3 },
      { atMs: minute(2), invocations: 7 },
      { atMs: minute(3), invocations: 1 },
      { atMs: minute(6), invocations: 2 },
    ]);
    const hourly = await pullInvocationHistory(access, 'fn', minute(0), minute(60), 3600);
    assert.deepEqual(hourly, [{ atMs: minute(0), invocations: 13 }]);
    await assert.rejects(pullInvocationHistory(access, 'fn', minute(0), minute(7), 45), UsageError);
    await assert.rejects(pullInvocationHistory(access, 'fn', minute(7), minute(0), 60), UsageError);
  } finally {
    await served.close();
  }
});
