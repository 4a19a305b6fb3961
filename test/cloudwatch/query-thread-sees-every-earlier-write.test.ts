// test-lane: concurrent: asserts counts.
// The engine answers GetMetricData from a replica of its store on a thread of its own. Whatever
// was written before a request arrived (even in the same turn of the event loop) is in the
// answer, and the answer is byte for byte what the handler computes from the store itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import { CloudWatchQueryThread } from '../../runner/engine/cloudwatch/query-thread.ts';
import { handleCloudWatchRequest } from '../../runner/engine/cloudwatch/handler.ts';
import { invocation, minute } from './serve.ts';

const target = 'GraniteServiceVersion20100801.GetMetricData';

function request(metricName: string, dimensions: Array<{ Name: string; Value: string }>, stat = 'Sum'): { target: string; body: string } {
  const body = {
    StartTime: minute(0) / 1000,
    EndTime: minute(10) / 1000,
    MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: dimensions }, Period: 60, Stat: stat } }],
  };
  return { target, body: JSON.stringify(body) };
}

function total(answer: { status: number; body: string }): number {
  assert.equal(answer.status, 200, answer.body);
  const values = (JSON.parse(answer.body) as { MetricDataResults: Array<{ Values: number[] }> }).MetricDataResults[0]?.Values ?? [];
  return values.reduce((a, b) => a + b, 0);
}

test('a request sees every write made before it, and answers as the handler does on the store itself', async () => {
  const store = new MetricsStore();
  // Records from before the thread started reach it as the store's contents.
  for (let i = 0; i < 50; i++) store.recordInvocation(invocation('early', minute(1) + i * 1000, 20));
  const thread = new CloudWatchQueryThread(store);
  thread.start();
  try {
    const nowMs = minute(30);
    const invocations = request('Invocations', [{ Name: 'FunctionName', Value: 'late' }]);
    assert.equal(total(await thread.handle(invocations, nowMs)), 0, 'nothing recorded for it yet');

    // Written in the same turn as the request: no chance for the batched writes to go out first.
    for (let i = 0; i < 120; i++) store.recordInvocation(invocation('late', minute(2) + i * 500, 30, { status: i % 10 === 0 ? 'error' : 'ok' }));
    store.recordCapacity('late', { atMs: minute(2), environments: 2, instances: 1, vcpusAllocated: 2, vcpusAvailable: 4 });
    store.recordCpu('late', { environmentId: 'env-1', atMs: minute(3), intervalMs: 1000, cpuSeconds: 0.5, vcpus: 1 });
    const answer = await thread.handle(invocations, nowMs);
    assert.equal(total(answer), 120);

    for (const query of [
      invocations,
      request('Errors', [{ Name: 'FunctionName', Value: 'late' }]),
      request('Duration', [{ Name: 'FunctionName', Value: 'late' }], 'p99'),
      request('ConcurrentExecutions', [], 'Maximum'),
      request('vCPUAllocated', [{ Name: 'CapacityProviderName', Value: 'cp-late' }], 'Average'),
      request('Invocations', [{ Name: 'FunctionName', Value: 'early' }]),
    ]) {
      const fromThread = await thread.handle(query, nowMs);
      const fromStore = await handleCloudWatchRequest(store, query, nowMs);
      assert.deepEqual(fromThread, fromStore, `the same answer for ${query.body.slice(0, 160)}`);
    }
    assert.equal(total(await thread.handle(request('Errors', [{ Name: 'FunctionName', Value: 'late' }]), nowMs)), 12);

    store.forget('early');
    assert.equal(total(await thread.handle(request('Invocations', [{ Name: 'FunctionName', Value: 'early' }]), nowMs)), 0, 'a forgotten function is forgotten by the replica too');
  } finally {
    await thread.close();
  }
  const closed = await thread.handle(request('Invocations', []), minute(30));
  assert.equal(closed.status, 500, 'a closed thread answers a fault, it does not hang');
});
