import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { invocationHistory } from '../../runner/traffic/function-history.ts';
import { UsageError } from '../../runner/errors.ts';

test('a CloudWatch error while reading --from-function history becomes one UsageError line', async () => {
  const cloudwatch = mockClient(CloudWatchClient);
  const denied = Object.assign(new Error('User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:GetMetricData\nmore detail'), { name: 'AccessDenied' });
  cloudwatch.on(GetMetricDataCommand).rejects(denied);
  try {
    await assert.rejects(
      invocationHistory({ functionName: 'orders-api', region: 'us-east-1', days: 7, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      (e: unknown) => e instanceof UsageError && /orders-api failed: .*not authorized to perform: cloudwatch:GetMetricData$/.test(e.message),
    );
    assert.equal(cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.MetricStat?.Metric?.MetricName, 'Invocations');
  } finally {
    cloudwatch.restore();
  }
});
