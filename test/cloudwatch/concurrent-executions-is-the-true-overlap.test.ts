// test-lane: concurrent: asserts metrics of given records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

test('ConcurrentExecutions Maximum is the largest number of invocations overlapping in the period', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    const t = minute(5);
    // Three overlap between t+150 and t+200; back-to-back calls (end == next start) do not overlap.
    served.store.recordInvocation(invocation('fn', t + 0, 200));
    served.store.recordInvocation(invocation('fn', t + 100, 200));
    served.store.recordInvocation(invocation('fn', t + 150, 100));
    served.store.recordInvocation(invocation('fn', t + 10_000, 500));
    served.store.recordInvocation(invocation('fn', t + 10_500, 500));
    // Started in the previous minute, still running in this one: it counts here too.
    served.store.recordInvocation(invocation('fn', minute(5) - 1_000, 40_000));
    served.store.recordInvocation(invocation('fn', minute(6) + 1_000, 10, { status: 'throttled' }));
    const out = await served.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute(4)),
        EndTime: new Date(minute(7)),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'c', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: 60, Stat: 'Maximum' } },
        ],
      }),
    );
    const [result] = out.MetricDataResults ?? [];
    assert.deepEqual(result?.Timestamps, [new Date(minute(4)), new Date(minute(5))], 'the throttled request in minute 6 ran nothing');
    assert.deepEqual(result?.Values, [1, 4]);
  } finally {
    await served.close();
  }
});
