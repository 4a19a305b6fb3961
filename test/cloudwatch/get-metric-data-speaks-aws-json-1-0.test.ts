// test-lane: concurrent: asserts the protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

test('the real SDK reads GetMetricData from the handler with only an endpoint override', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    served.store.recordInvocation(invocation('fn', minute(1) + 500, 12));
    served.store.recordInvocation(invocation('fn', minute(1) + 900, 20));
    const out = await served.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute(0)),
        EndTime: new Date(minute(3)),
        MetricDataQueries: [
          { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: 60, Stat: 'Sum' } },
          { Id: 'dur', Label: 'duration', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: 60, Stat: 'Average' } },
        ],
      }),
    );
    const [request] = served.seen;
    assert.ok(request);
    assert.equal(request.headers['x-amz-target'], 'GraniteServiceVersion20100801.GetMetricData');
    assert.equal(request.headers['content-type'], 'application/x-amz-json-1.0');
    // The SDK sends timestamps as epoch seconds.
    assert.equal((JSON.parse(request.body) as { StartTime: number }).StartTime, minute(0) / 1000);
    const [inv, dur] = out.MetricDataResults ?? [];
    assert.equal(inv?.Id, 'inv');
    assert.equal(inv?.Label, 'Invocations', 'the default label is the metric name');
    assert.equal(inv?.StatusCode, 'Complete');
    assert.deepEqual(inv?.Timestamps, [new Date(minute(1))]);
    assert.deepEqual(inv?.Values, [2]);
    assert.equal(dur?.Label, 'duration');
    assert.deepEqual(dur?.Values, [16]);
    assert.equal(out.NextToken, undefined);
  } finally {
    await served.close();
  }
});
