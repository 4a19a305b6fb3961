// test-lane: concurrent: asserts metrics of given records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, type Dimension, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

const q = (Id: string, MetricName: string, Stat: string, Dimensions: Dimension[]): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName, Dimensions }, Period: 60, Stat },
});
const fnDims = [{ Name: 'CapacityProviderName', Value: 'cp-lmi' }, { Name: 'FunctionName', Value: 'lmi' }, { Name: 'Resource', Value: 'lmi:live' }];
const cpDims = [{ Name: 'CapacityProviderName', Value: 'cp-lmi' }, { Name: 'InstanceType', Value: 'm7g.xlarge' }];

test('LMI: per-environment concurrency, environment CPU and the capacity provider vCPUs', async () => {
  const served = await serveStore(undefined, () => minute(120));
  const t = minute(10);
  try {
    const { store } = served;
    // env-a runs 3 at once, env-b 2: the function runs 5 at once.
    for (let i = 0; i < 3; i++) store.recordInvocation(invocation('lmi', t + 1000 + i, 300, { mode: 'lmi', environmentId: 'env-a' }));
    for (let i = 0; i < 2; i++) store.recordInvocation(invocation('lmi', t + 1100 + i, 300, { mode: 'lmi', environmentId: 'env-b' }));
    // 1 vCPU environments: 0.5 s and 0.25 s of CPU per second.
    store.recordCpu('lmi', { environmentId: 'env-a', atMs: t + 2000, intervalMs: 1000, cpuSeconds: 0.5, vcpus: 1 });
    store.recordCpu('lmi', { environmentId: 'env-b', atMs: t + 2000, intervalMs: 1000, cpuSeconds: 0.25, vcpus: 1 });
    // Capacity: 3 envs on 3 instances (12 vCPUs), scaled to 4 envs for 5 s, back to 3.
    store.recordCapacity('lmi', { atMs: t - 60_000, environments: 3, instances: 3, vcpusAllocated: 3, vcpusAvailable: 12 });
    store.recordCapacity('lmi', { atMs: t + 20_000, environments: 4, instances: 4, vcpusAllocated: 4, vcpusAvailable: 16 });
    store.recordCapacity('lmi', { atMs: t + 25_000, environments: 3, instances: 3, vcpusAllocated: 3, vcpusAvailable: 12 });
    // A standard function has no LMI metrics and no capacity provider.
    store.recordInvocation(invocation('std', t + 1000, 100));
    store.recordCapacity('std', { atMs: t, environments: 1, instances: 0, vcpusAllocated: 0, vcpusAvailable: 0 });
    const out = await served.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(t),
        EndTime: new Date(t + 60_000),
        MetricDataQueries: [
          q('envMax', 'ExecutionEnvironmentConcurrency', 'Maximum', fnDims),
          q('fnMax', 'ConcurrentExecutions', 'Maximum', [{ Name: 'FunctionName', Value: 'lmi' }, { Name: 'Resource', Value: 'lmi:live' }]),
          q('cpu', 'ExecutionEnvironmentCPUUtilization', 'Average', fnDims),
          q('cpuMax', 'ExecutionEnvironmentCPUUtilization', 'Maximum', fnDims),
          q('alloc', 'vCPUAllocated', 'Maximum', cpDims),
          q('allocAvg', 'vCPUAllocated', 'Average', cpDims),
          q('avail', 'vCPUAvailable', 'Maximum', cpDims),
          q('cpCpu', 'CPUUtilization', 'Maximum', cpDims),
          q('stdEnv', 'ExecutionEnvironmentConcurrency', 'Maximum', [{ Name: 'FunctionName', Value: 'std' }]),
          q('stdCp', 'vCPUAllocated', 'Maximum', [{ Name: 'CapacityProviderName', Value: 'cp-std' }]),
          q('wrongCp', 'ExecutionEnvironmentConcurrency', 'Maximum', [{ Name: 'CapacityProviderName', Value: 'cp-other' }, { Name: 'FunctionName', Value: 'lmi' }]),
        ],
      }),
    );
    const values = (id: string): number[] | undefined => out.MetricDataResults?.find((r) => r.Id === id)?.Values;
    assert.deepEqual(values('envMax'), [3]);
    assert.deepEqual(values('fnMax'), [5]);
    assert.deepEqual(values('cpu'), [37.5]);
    assert.deepEqual(values('cpuMax'), [50]);
    assert.deepEqual(values('alloc'), [4]);
    // 55 one-second samples at 3 vCPUs and 5 at 4.
    assert.ok(Math.abs((values('allocAvg')?.[0] ?? 0) - (55 * 3 + 5 * 4) / 60) < 1e-9);
    assert.deepEqual(values('avail'), [16]);
    // 0.75 CPU-seconds in one second over 12 available vCPUs.
    assert.deepEqual(values('cpCpu'), [6.25]);
    assert.deepEqual(values('stdEnv'), []);
    assert.deepEqual(values('stdCp'), []);
    assert.deepEqual(values('wrongCp'), []);
  } finally {
    await served.close();
  }
});
