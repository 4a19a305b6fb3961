import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { invocationHistory } from '../../runner/cost/function-history.ts';
import { UsageError } from '../../runner/errors.ts';

test("--from-function reads a function's per-minute Invocations (paged, gaps as zero) into a profile", async () => {
  const cloudwatch = mockClient(CloudWatchClient);
  const nowMs = Date.parse('2025-06-15T12:00:30Z');
  const minute = (iso: string) => new Date(iso);
  cloudwatch
    .on(GetMetricDataCommand)
    .resolvesOnce({
      MetricDataResults: [{ Id: 'invocations', Timestamps: [minute('2025-06-15T11:50:00Z'), minute('2025-06-15T11:51:00Z')], Values: [600, 1200], StatusCode: 'PartialData' }],
      NextToken: 'page-2',
    })
    .resolvesOnce({ MetricDataResults: [{ Id: 'invocations', Timestamps: [minute('2025-06-15T11:59:00Z')], Values: [300], StatusCode: 'Complete' }] });
  const client = new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const profile = await invocationHistory({ functionName: 'orders-api', qualifier: 'live', region: 'us-east-1', days: 1, nowMs, client });

  const calls = cloudwatch.commandCalls(GetMetricDataCommand);
  assert.equal(calls.length, 2);
  const first = calls[0]?.args[0].input;
  assert.equal(first?.StartTime?.toISOString(), '2025-06-14T12:00:00.000Z');
  assert.equal(first?.EndTime?.toISOString(), '2025-06-15T12:00:00.000Z');
  const stat = first?.MetricDataQueries?.[0]?.MetricStat;
  assert.equal(stat?.Metric?.MetricName, 'Invocations');
  assert.equal(stat?.Period, 60);
  assert.equal(stat?.Stat, 'Sum');
  assert.deepEqual(stat?.Metric?.Dimensions, [{ Name: 'FunctionName', Value: 'orders-api' }, { Name: 'Resource', Value: 'orders-api:live' }]);
  assert.equal(calls[1]?.args[0].input.NextToken, 'page-2');

  // From the first minute with data to the end of the window: 11:50 … 11:59, gaps filled with 0.
  assert.deepEqual(profile.minuteRequests, [600, 1200, 0, 0, 0, 0, 0, 0, 0, 300]);
  assert.match(profile.name, /^function:orders-api:live/);

  cloudwatch.reset();
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'invocations', Timestamps: [], Values: [] }] });
  await assert.rejects(invocationHistory({ functionName: 'no-such-fn', region: 'us-east-1', days: 7, nowMs, client }), (e: unknown) => e instanceof UsageError && /no Invocations for function 'no-such-fn'/.test(e.message));
  cloudwatch.reset();
  cloudwatch.on(GetMetricDataCommand).rejects(new Error('User is not authorized to perform: cloudwatch:GetMetricData'));
  await assert.rejects(invocationHistory({ functionName: 'orders-api', region: 'us-east-1', days: 7, nowMs, client }), (e: unknown) => e instanceof UsageError && /not authorized/.test(e.message));
  await assert.rejects(invocationHistory({ functionName: 'orders-api', region: 'us-east-1', days: 30, nowMs, client }), /--days must be a whole number from 1 to 15/);
  cloudwatch.restore();
});
