// test-lane: concurrent: asserts deploys and statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import type { BenchPlan } from '../../runner/plan/plan.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { loadWorkload } from '../../runner/workload/load.ts';
import { probeDir, send, sleep } from './support.ts';
import { testPlan } from '../fixtures/test-plan.ts';

function plan(): BenchPlan {
  return testPlan({
    runId: 'target-test',
    workload: loadWorkload(probeDir),
    concurrency: [1],
    durationSec: 1,
    warmupSec: 0,
    trials: 1,
    lambda: { memoryMb: 512, architecture: 'arm64', concurrencyLimit: 10, idleTimeoutSec: 600 },
    outDir: '/tmp/unused',
  });
}

test('LocalTarget deploys each plan variant on a spawned engine, and its CloudWatch access reads the engine through the SDK', async () => {
  const target = new LocalTarget(plan());
  await target.start();
  try {
    const [lambda, lmi] = planVariants(plan());
    assert.ok(lambda && lmi);
    const deployedLambda = await target.deploy(lambda);
    const deployedLmi = await target.deploy(lmi);
    assert.deepEqual(deployedLmi.cloudwatch.capacityProviderDimensions, { CapacityProviderName: `cp-${deployedLmi.functionName}`, InstanceType: 'm7g.xlarge' });
    assert.equal(deployedLmi.cloudwatch.functionDimensions['Resource'], `${deployedLmi.functionName}:live`);

    const startMs = Date.now();
    for (const deployed of [deployedLambda, deployedLmi]) {
      for (let i = 0; i < 3; i++) assert.equal((await send(deployed.url, { delayMs: 20 })).status, 200);
    }
    // Let the current 1 s period close, so the pull sees whole periods.
    await sleep(1100);
    const endMs = Date.now();

    const stats = await target.windowStats(deployedLmi, { startMs, endMs });
    assert.equal(stats?.ok, 3);
    assert.equal(stats?.instancesMax, 3);
    const lambdaMetrics = await pullLevelMetrics(deployedLambda.cloudwatch, { startMs, endMs }, 'lambda');
    assert.equal(lambdaMetrics.invocations, 3);
    const lmiMetrics = await pullLevelMetrics(deployedLmi.cloudwatch, { startMs, endMs }, 'lmi');
    assert.equal(lmiMetrics.invocations, 3);
    assert.equal(lmiMetrics.vcpuAvailableMax, 12);

    await target.remove(deployedLambda);
    const afterRemoval = await target.windowStats(deployedLambda, { startMs, endMs });
    assert.equal(afterRemoval?.ok, 3, 'records outlive a removed function');
  } finally {
    await target.stop();
    await target.stop();
  }
});
