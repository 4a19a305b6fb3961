// test-lane: concurrent: asserts statistics of given records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

const fn = [{ Name: 'FunctionName', Value: 'fn' }];
const q = (Id: string, MetricName: string, Stat: string): MetricDataQuery => ({ Id, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName, Dimensions: fn }, Period: 60, Stat } });

test('Invocations, Errors, Throttles and every Duration statistic come from the period records', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    // Durations 1..100 ms in minute 2, plus 3 errors, 1 timeout and 4 throttles.
    for (let i = 1; i <= 100; i++) {
      const status = i <= 3 ? 'error' : i === 4 ? 'timeout' : 'ok';
      served.store.recordInvocation(invocation('fn', minute(2) + i * 100, i, { status }));
    }
    for (let i = 0; i < 4; i++) served.store.recordInvocation(invocation('fn', minute(2) + 30_000 + i, 0, { status: 'throttled', environmentId: undefined }));
    // Another function and another minute must not leak in.
    served.store.recordInvocation(invocation('other', minute(2) + 10, 5000));
    served.store.recordInvocation(invocation('fn', minute(3) + 10, 5000));
    const out = await served.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute(2)),
        EndTime: new Date(minute(3)),
        MetricDataQueries: [
          q('inv', 'Invocations', 'Sum'), q('err', 'Errors', 'Sum'), q('thr', 'Throttles', 'Sum'),
          q('avg', 'Duration', 'Average'), q('max', 'Duration', 'Maximum'), q('min', 'Duration', 'Minimum'),
          q('n', 'Duration', 'SampleCount'), q('sum', 'Duration', 'Sum'),
          q('p50', 'Duration', 'p50'), q('p90', 'Duration', 'p90'), q('p99', 'Duration', 'p99'), q('p999', 'Duration', 'p99.9'),
        ],
      }),
    );
    const value = (id: string): number | undefined => {
      const r = out.MetricDataResults?.find((x) => x.Id === id);
      assert.equal(r?.Values?.length, 1, `${id} has one datapoint`);
      assert.deepEqual(r?.Timestamps, [new Date(minute(2))]);
      return r?.Values?.[0];
    };
    assert.equal(value('inv'), 100, 'throttled requests are not invocations');
    assert.equal(value('err'), 4, 'errors and timeouts are Errors');
    assert.equal(value('thr'), 4);
    assert.equal(value('avg'), 50.5);
    assert.equal(value('max'), 100);
    assert.equal(value('min'), 1);
    assert.equal(value('n'), 100);
    assert.equal(value('sum'), 5050);
    assert.equal(value('p50'), 50);
    assert.equal(value('p90'), 90);
    assert.equal(value('p99'), 99);
    assert.equal(value('p999'), 100);
  } finally {
    await served.close();
  }
});
