// test-lane: concurrent: asserts metrics read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import type { CloudWatchAccess } from '../../runner/metrics/access.ts';
import { invocation, minute, serveStore } from '../cloudwatch/serve.ts';

test('a level window is widened to whole minutes and read as one period: exact counts, percentiles and maxima', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    const { store } = served;
    // The level ran from 00:10:20 to 00:11:40: durations 1..200 ms, one error, two throttles.
    for (let i = 1; i <= 200; i++) {
      store.recordInvocation(invocation('fn', minute(10) + 20_000 + i * 400, i, { status: i === 7 ? 'error' : 'ok', environmentId: `env-${i % 4}` }));
    }
    store.recordInvocation(invocation('fn', minute(11), 0, { status: 'throttled', environmentId: undefined }));
    store.recordInvocation(invocation('fn', minute(11) + 1, 0, { status: 'throttled', environmentId: undefined }));
    // Outside the widened window [00:10, 00:12): not counted.
    store.recordInvocation(invocation('fn', minute(9) + 59_000, 30_000));
    store.recordInvocation(invocation('fn', minute(12), 5));
    const access: CloudWatchAccess = { endpoint: served.endpoint, region: 'us-east-1', functionDimensions: { FunctionName: 'fn', Resource: 'fn' }, periodSec: 60 };
    const summary = await pullLevelMetrics(access, { startMs: minute(10) + 20_000, endMs: minute(11) + 40_000 }, 'lambda');
    assert.equal(summary.invocations, 200);
    assert.equal(summary.errors, 1);
    assert.equal(summary.throttles, 2);
    assert.deepEqual(summary.durationMs, { average: 100.5, maximum: 200, p50: 100, p90: 180, p99: 198 });
    // The 30 s invocation from 00:09:59 overlaps the first ones: 2 at once.
    assert.equal(summary.concurrentExecutionsMax, 2);
    assert.equal(summary.executionEnvironmentConcurrencyMax, undefined, 'standard Lambda has no LMI fields');
    // One request carried every query over one 120 s period.
    assert.equal(served.seen.length, 1);
    const body = JSON.parse(served.seen[0]?.body ?? '{}') as { StartTime: number; EndTime: number; MetricDataQueries: Array<{ MetricStat: { Period: number } }> };
    assert.equal(body.StartTime, minute(10) / 1000);
    assert.equal(body.EndTime, minute(12) / 1000);
    assert.ok(body.MetricDataQueries.every((q) => q.MetricStat.Period === 120));
  } finally {
    await served.close();
  }
});

test('an LMI level also reads environment concurrency and CPU and the capacity provider vCPUs', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    const { store } = served;
    const t = minute(20);
    for (let i = 0; i < 6; i++) store.recordInvocation(invocation('lmi', t + 1000 + i, 500, { mode: 'lmi', environmentId: i < 4 ? 'env-a' : 'env-b' }));
    store.recordCpu('lmi', { environmentId: 'env-a', atMs: t + 2000, intervalMs: 1000, cpuSeconds: 0.8, vcpus: 2 });
    store.recordCpu('lmi', { environmentId: 'env-b', atMs: t + 2000, intervalMs: 1000, cpuSeconds: 0.2, vcpus: 2 });
    store.recordCapacity('lmi', { atMs: t - 1000, environments: 3, instances: 3, vcpusAllocated: 6, vcpusAvailable: 12 });
    const access: CloudWatchAccess = {
      endpoint: served.endpoint,
      region: 'us-east-1',
      functionDimensions: { FunctionName: 'lmi', Resource: 'lmi:live' },
      capacityProviderDimensions: { CapacityProviderName: 'cp-lmi', InstanceType: 'm7g.xlarge' },
      periodSec: 60,
    };
    const summary = await pullLevelMetrics(access, { startMs: t, endMs: t + 30_000 }, 'lmi');
    assert.equal(summary.invocations, 6);
    assert.equal(summary.concurrentExecutionsMax, 6);
    assert.equal(summary.executionEnvironmentConcurrencyMax, 4);
    assert.equal(summary.executionEnvironmentCpuUtilizationPct, 25);
    assert.equal(summary.vcpuAllocatedMax, 6);
    assert.equal(summary.vcpuAvailableMax, 12);
  } finally {
    await served.close();
  }
});
