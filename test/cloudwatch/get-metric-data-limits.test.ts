// GetMetricData's own limits, with CloudWatch's errors: at most 500 queries and at most
// 100,800 datapoints per call (MaxDatapoints); periods older than CloudWatch keeps data of
// their length hold nothing (1-second data: 3 hours), so the probe's 50 queries of 1-second
// periods over 11 days is answered at once instead of computing 47 million periods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import type { InvocationRecord } from '../../runner/engine/protocol.ts';
import { serveStore } from './serve.ts';

const nowMs = Date.UTC(2026, 0, 20, 12, 0, 0);
const hourMs = 3_600_000;

function record(startMs: number): InvocationRecord {
  return { functionName: 'fn', mode: 'lambda', startMs, endMs: startMs + 5, durationMs: 5, billedDurationMs: 5, status: 'ok', environmentId: 'e1' };
}

function queries(count: number, periodSec: number): MetricDataQuery[] {
  return Array.from({ length: count }, (_, i) => ({
    Id: `q${i}`,
    MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: i % 2 ? 'Invocations' : 'ConcurrentExecutions', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: periodSec, Stat: i % 2 ? 'Sum' : 'Maximum' },
  }));
}

test('MaxDatapoints over 100,800 and more than 500 queries are InvalidParameterValueException', async () => {
  const served = await serveStore(new MetricsStore(), () => nowMs);
  try {
    const base: GetMetricDataCommandInput = { StartTime: new Date(nowMs - hourMs), EndTime: new Date(nowMs), MetricDataQueries: queries(1, 60) };
    await assert.rejects(served.client.send(new GetMetricDataCommand({ ...base, MaxDatapoints: 100_801 })), (error: Error) => {
      assert.equal(error.name, 'InvalidParameterValueException');
      assert.match(error.message, /at most 100800 datapoints/);
      return true;
    });
    await assert.rejects(served.client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: queries(501, 60) })), (error: Error) => {
      assert.equal(error.name, 'InvalidParameterValueException');
      assert.match(error.message, /the maximum is 500/);
      return true;
    });
    const ok = await served.client.send(new GetMetricDataCommand({ ...base, MaxDatapoints: 100_800 }));
    assert.equal(ok.MetricDataResults?.[0]?.StatusCode, 'Complete');
  } finally {
    await served.close();
  }
});

test('1-second periods older than 3 hours hold nothing: 50 queries over 11 days answer at once with the recent data only', async () => {
  const store = new MetricsStore();
  // One invocation a second for the last hour, and some 10 days ago (1-second data that CloudWatch no longer has).
  for (let at = nowMs - hourMs; at < nowMs - 1000; at += 1000) store.recordInvocation(record(at));
  for (let at = nowMs - 10 * 24 * hourMs; at < nowMs - 10 * 24 * hourMs + 60_000; at += 1000) store.recordInvocation(record(at));
  const served = await serveStore(store, () => nowMs);
  try {
    const started = performance.now();
    const out = await served.client.send(
      new GetMetricDataCommand({ StartTime: new Date(nowMs - 11 * 24 * hourMs), EndTime: new Date(nowMs), MetricDataQueries: queries(50, 1), ScanBy: 'TimestampAscending' }),
    );
    const elapsedMs = performance.now() - started;
    assert.ok(elapsedMs < 3000, `answered in ${elapsedMs.toFixed(0)} ms`);
    const invocations = out.MetricDataResults?.find((r) => r.Id === 'q1');
    assert.equal(invocations?.StatusCode, 'Complete');
    const timestamps = invocations?.Timestamps ?? [];
    assert.equal(timestamps.length, 3599, 'one datapoint per second of the last hour');
    assert.ok(timestamps.every((t) => t.getTime() >= nowMs - 3 * hourMs), 'nothing older than the 3-hour retention of 1-second data');
    // The same data at 1-minute periods (kept 15 days) includes the old minute.
    const minutes = await served.client.send(
      new GetMetricDataCommand({ StartTime: new Date(nowMs - 11 * 24 * hourMs), EndTime: new Date(nowMs), MetricDataQueries: queries(2, 60), ScanBy: 'TimestampAscending' }),
    );
    const perMinute = minutes.MetricDataResults?.find((r) => r.Id === 'q1');
    assert.equal(perMinute?.Timestamps?.[0]?.getTime(), nowMs - 10 * 24 * hourMs);
    assert.equal(perMinute?.Values?.[0], 60);
  } finally {
    await served.close();
  }
});
