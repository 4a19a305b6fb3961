// test-lane: concurrent, long: asserts counts.
// A GetMetricData request too large for the query thread's heap ends that thread, not the
// engine: the request answers InternalServiceFault (500, which the SDK retries), and the next
// request is served by a new thread rebuilt from the store's whole contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import { CloudWatchQueryThread } from '../../runner/engine/cloudwatch/query-thread.ts';
import { invocation } from './serve.ts';

const target = 'GraniteServiceVersion20100801.GetMetricData';

test('a request that exhausts the query thread answers InternalServiceFault, and the next one is served', { timeout: 120_000 }, async () => {
  const store = new MetricsStore();
  const nowMs = Date.now();
  const spanMs = 3 * 3_600_000;
  for (let i = 0; i < 20_000; i++) store.recordInvocation(invocation('busy', nowMs - spanMs + (i * spanMs) / 20_000, 40));
  // A heap that holds the replica and a small query, not 100 queries of 10,800 one-second periods.
  const thread = new CloudWatchQueryThread(store, { heapMb: 24 });
  try {
    const metric = { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'busy' }] };
    const huge = {
      StartTime: (nowMs - spanMs) / 1000,
      EndTime: nowMs / 1000,
      MetricDataQueries: Array.from({ length: 100 }, (_, i) => ({ Id: `q${i}`, MetricStat: { Metric: metric, Period: 1, Stat: 'p99' } })),
    };
    const fault = await thread.handle({ target, body: JSON.stringify(huge) }, nowMs);
    assert.equal(fault.status, 500, fault.body.slice(0, 300));
    assert.match(fault.body, /InternalServiceFault/);
    assert.match(fault.body, /query thread stopped/);

    const small = { StartTime: (nowMs - spanMs) / 1000, EndTime: nowMs / 1000, MetricDataQueries: [{ Id: 'n', MetricStat: { Metric: { ...metric, MetricName: 'Invocations' }, Period: 3600, Stat: 'Sum' } }] };
    const answer = await thread.handle({ target, body: JSON.stringify(small) }, nowMs);
    assert.equal(answer.status, 200, answer.body.slice(0, 300));
    const values = (JSON.parse(answer.body) as { MetricDataResults: Array<{ Values: number[] }> }).MetricDataResults[0]?.Values ?? [];
    assert.equal(values.reduce((a, b) => a + b, 0), 20_000, 'the new thread has every record');
  } finally {
    await thread.close();
  }
});
