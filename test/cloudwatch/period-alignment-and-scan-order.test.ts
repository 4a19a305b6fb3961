// test-lane: concurrent: asserts periods of given records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { buckets } from '../../runner/engine/cloudwatch/periods.ts';
import { invocation, minute, serveStore } from './serve.ts';

test('StartTime rounds down to the minute; periods step from there; ScanBy orders them', async () => {
  const served = await serveStore(undefined, () => minute(600));
  try {
    // One invocation at each of minutes 0..9, at 30 s past the minute.
    for (let m = 0; m < 10; m++) served.store.recordInvocation(invocation('fn', minute(m) + 30_000, 10));
    const query = (scanBy: 'TimestampAscending' | 'TimestampDescending') =>
      served.client.send(
        new GetMetricDataCommand({
          // 00:01:45 rounds down to 00:01:00; 5-minute periods start at 00:01 and 00:06.
          StartTime: new Date(minute(1) + 45_000),
          EndTime: new Date(minute(10)),
          ScanBy: scanBy,
          MetricDataQueries: [{ Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: 300, Stat: 'Sum' } }],
        }),
      );
    const ascending = (await query('TimestampAscending')).MetricDataResults?.[0];
    assert.deepEqual(ascending?.Timestamps, [new Date(minute(1)), new Date(minute(6))]);
    assert.deepEqual(ascending?.Values, [5, 4]);
    const descending = (await query('TimestampDescending')).MetricDataResults?.[0];
    assert.deepEqual(descending?.Timestamps, [new Date(minute(6)), new Date(minute(1))]);
    assert.deepEqual(descending?.Values, [4, 5]);
  } finally {
    await served.close();
  }
});

test('older data rounds StartTime to 5 minutes (15-63 days) and to the hour (older)', () => {
  const start = Date.UTC(2024, 0, 1, 10, 17, 30);
  const day = 86_400_000;
  assert.equal(buckets(start, start + 3_600_000, 300, start + 20 * day)[0]?.startMs, Date.UTC(2024, 0, 1, 10, 15));
  assert.equal(buckets(start, start + 7_200_000, 3600, start + 100 * day)[0]?.startMs, Date.UTC(2024, 0, 1, 10, 0));
  // High-resolution periods round to the period itself.
  assert.equal(buckets(start + 7_000, start + 60_000, 10, start)[0]?.startMs, Date.UTC(2024, 0, 1, 10, 17, 30));
});

test('the last period reaches EndTime rounded up to the minute, not past it', () => {
  const start = Date.UTC(2024, 0, 1, 10, 0);
  const periods = buckets(start, start + 90_000, 300, start + 60_000);
  assert.deepEqual(periods, [{ startMs: start, endMs: start + 120_000 }]);
});
