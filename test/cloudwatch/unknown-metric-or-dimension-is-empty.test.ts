// test-lane: concurrent: asserts results of given records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, type Dimension, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

test('an unknown namespace, metric, dimension, function, resource or unit gives an empty Complete result', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    served.store.recordInvocation(invocation('fn', minute(1), 10));
    served.store.recordInvocation(invocation('fn2', minute(1), 10));
    const fn: Dimension[] = [{ Name: 'FunctionName', Value: 'fn' }];
    const cases: Array<[string, string, Dimension[], StandardUnit?]> = [
      ['AWS/EC2', 'Invocations', fn],
      ['AWS/Lambda', 'NoSuchMetric', fn],
      ['AWS/Lambda', 'Invocations', [...fn, { Name: 'Colour', Value: 'blue' }]],
      ['AWS/Lambda', 'Invocations', [{ Name: 'FunctionName', Value: 'missing' }]],
      ['AWS/Lambda', 'Invocations', [...fn, { Name: 'Resource', Value: 'fn:7' }]],
      ['AWS/Lambda', 'Invocations', fn, 'Seconds'],
    ];
    const out = await served.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute(0)),
        EndTime: new Date(minute(5)),
        MetricDataQueries: [
          ...cases.map(([Namespace, MetricName, Dimensions, Unit], i) => ({ Id: `q${i}`, MetricStat: { Metric: { Namespace, MetricName, Dimensions }, Period: 60, Stat: 'Sum', ...(Unit ? { Unit } : {}) } })),
          { Id: 'known', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: fn }, Period: 60, Stat: 'Sum', Unit: 'Count' } },
          { Id: 'account', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations' }, Period: 60, Stat: 'Sum' } },
          { Id: 'hidden', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: fn }, Period: 60, Stat: 'Sum' } },
        ],
      }),
    );
    const results = out.MetricDataResults ?? [];
    assert.deepEqual(results.map((r) => r.Id), [...cases.map((_, i) => `q${i}`), 'known', 'account'], 'ReturnData false is left out');
    for (const r of results.slice(0, cases.length)) {
      assert.equal(r.StatusCode, 'Complete', r.Id);
      assert.deepEqual(r.Values, [], r.Id);
      assert.deepEqual(r.Timestamps, [], r.Id);
    }
    assert.deepEqual(results.find((r) => r.Id === 'known')?.Values, [1]);
    assert.deepEqual(results.find((r) => r.Id === 'account')?.Values, [2], 'no dimensions: the account-wide aggregate');
  } finally {
    await served.close();
  }
});
