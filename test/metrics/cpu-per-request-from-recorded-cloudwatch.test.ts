import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import { lmiMetricPeriodSec } from '../../runner/plan/metric-periods.ts';

interface RecordedResult {
  Id: string;
  Label: string;
  Timestamps: string[];
  Values: number[];
  StatusCode: string;
}

function recordedAnswer(): GetMetricDataCommandOutput {
  const doc = JSON.parse(readFileSync(new URL('../fixtures/cloudwatch/lmi-level-getmetricdata.json', import.meta.url), 'utf8')) as { MetricDataResults: RecordedResult[] };
  return {
    $metadata: { httpStatusCode: 200 },
    Messages: [],
    MetricDataResults: doc.MetricDataResults.map((r) => ({ ...r, StatusCode: 'Complete', Timestamps: r.Timestamps.map((t) => new Date(t)) })),
  };
}

test("the aws target's CPU per request is computed from recorded CloudWatch answers: 25% × 8 vCPUs × 600 s ÷ 60,000 invocations = 20 ms", async () => {
  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(GetMetricDataCommand).resolves(recordedAnswer());
  try {
    const summary = await pullLevelMetrics(
      {
        region: 'us-east-1',
        functionDimensions: { FunctionName: 'lmi-bench-run-IoBoundLmiC64G2Function', Resource: 'lmi-bench-run-IoBoundLmiC64G2Function:1' },
        capacityProviderDimensions: { CapacityProviderName: 'lmi-bench-run-cp', InstanceType: 'm7g.xlarge' },
        periodSec: lmiMetricPeriodSec,
      },
      { startMs: Date.parse('2026-11-30T10:00:00Z'), endMs: Date.parse('2026-11-30T10:10:00Z') },
      'lmi',
      { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' } },
    );
    const sent = cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    // One period spanning the 10-minute window, with the vCPUAllocated average among the queries.
    assert.ok(sent?.MetricDataQueries?.every((q) => q.MetricStat?.Period === 600));
    assert.ok(sent?.MetricDataQueries?.some((q) => q.Id === 'vcpuAllocatedAvg' && q.MetricStat?.Stat === 'Average'));
    assert.equal(summary.executionEnvironmentCpuUtilizationPct, 25);
    assert.equal(summary.vcpuAllocatedMean, 8);
    assert.equal(summary.invocations, 60000);
    assert.ok(Math.abs((summary.cpuSecondsPerRequest ?? 0) - 0.02) < 1e-12, String(summary.cpuSecondsPerRequest));
  } finally {
    cloudwatch.restore();
  }
});
