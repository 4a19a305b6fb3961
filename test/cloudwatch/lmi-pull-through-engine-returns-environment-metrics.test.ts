// test-lane: concurrent: asserts the invocation count of a bounded level and the presence and range of the LMI figures (concurrency 1-4, CPU % present, vCPUs); no latency.
/**
 * End to end on LMI: a real engine process runs io-bound, a bounded number of requests go to its
 * front door, and the pull reads back environment concurrency, CPU and the capacity provider's
 * vCPUs from the engine's control port. (Standard Lambda's Duration against the client's
 * latency is get-metric-data-through-engine.test.ts, in the serial lane.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import { engineForFile } from './engine-level.ts';

const fixture = engineForFile();

test('LMI: the pull also returns environment concurrency, CPU and the capacity provider vCPUs', async () => {
  const requests = 24;
  const level = await fixture.driver().measure(
    'cw-e2e-lmi',
    { type: 'lmi', memoryMb: 2048, maxConcurrency: 8, gibPerVcpu: 2, minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400 },
    requests,
  );
  // CPU samples arrive about once a second: wait for the one covering the level's end.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const summary = await pullLevelMetrics(
    {
      endpoint: fixture.engine().controlUrl,
      region: 'us-east-1',
      functionDimensions: { FunctionName: 'cw-e2e-lmi', Resource: 'cw-e2e-lmi:live' },
      capacityProviderDimensions: { CapacityProviderName: 'cp-cw-e2e-lmi', InstanceType: 'm7g.xlarge' },
      periodSec: 1,
    },
    level,
    'lmi',
  );
  assert.equal(summary.invocations, requests);
  assert.ok((summary.executionEnvironmentConcurrencyMax ?? 0) >= 1 && (summary.executionEnvironmentConcurrencyMax ?? 0) <= 4);
  assert.ok(typeof summary.executionEnvironmentCpuUtilizationPct === 'number' && summary.executionEnvironmentCpuUtilizationPct >= 0);
  // 3 environments of 1 vCPU (2 GiB at 2 GiB per vCPU) at least.
  assert.ok((summary.vcpuAllocatedMax ?? 0) >= 3, `vCPUAllocated ${summary.vcpuAllocatedMax}`);
  assert.ok((summary.vcpuAvailableMax ?? 0) >= (summary.vcpuAllocatedMax ?? 0));
});
