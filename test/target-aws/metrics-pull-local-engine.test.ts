// test-lane: concurrent: asserts metrics read back (duration only as a lower bound).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { startEngine } from '../../runner/target/local/engine-process.ts';
import { functionSpecFor } from '../../runner/target/local/local-target.ts';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import { AwsTarget } from '../../runner/target/aws/aws-target.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { variantOutputKey } from '../../infra/naming.ts';
import { awsPlan, fakeCdkEnv, recordedOutputs } from './helpers.ts';

// The AWS target's CloudWatch access (dimensions, 60 s / 300 s periods), pointed at the local
// engine's GetMetricData API: the same pull code that runs against AWS reads what the engine saw.
test("the AWS target's CloudWatch access pulls real invocation metrics through GetMetricData", async (t) => {
  const plan = await awsPlan(['--concurrency', '2']);
  const variants = planVariants(plan);
  const engine = await startEngine();
  t.after(() => engine.stop());

  const outputs = recordedOutputs(plan, variants);
  const stackOutputs = outputs['lmi-bench-aws-test-1'] as Record<string, string>;
  const deployedInEngine = new Map<string, { url: string; name: string }>();
  for (const variant of variants) {
    const spec = functionSpecFor(plan, variant);
    const fn = await engine.client.deploy(spec);
    deployedInEngine.set(variant.id, { url: fn.url, name: spec.name });
    // The stack's function names are the engine's, so the dimensions name what the engine ran.
    stackOutputs[variantOutputKey('io-bound', variant.id, 'FunctionName')] = spec.name;
    if (variant.mode === 'lmi') stackOutputs[variantOutputKey('io-bound', variant.id, 'CapacityProviderName')] = `cp-${spec.name}`;
  }

  const cdk = fakeCdkEnv(outputs);
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, log: () => {}, handleSigint: false });
  await target.start();
  t.after(async () => {
    await target.stop();
    lambda.restore();
  });

  for (const variant of variants) {
    const engineFn = deployedInEngine.get(variant.id);
    assert.ok(engineFn);
    const deployed = await target.deploy(variant);
    const startMs = Date.now();
    const sent = 6;
    for (let i = 0; i < sent; i++) {
      const response: Response = await fetch(engineFn.url, { method: 'POST', body: JSON.stringify({ delaysMs: [5] }), headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
    }
    const endMs = Date.now();
    const access = { ...deployed.cloudwatch, endpoint: engine.controlUrl };
    const summary = await pullLevelMetrics(access, { startMs, endMs }, variant.mode, { settleMs: 0 });
    if (variant.mode === 'lambda') {
      assert.equal(deployed.cloudwatch.periodSec, 60);
      assert.equal(summary.invocations, sent);
      assert.equal(summary.errors, 0);
      assert.ok(summary.durationMs && summary.durationMs.average >= 5);
    } else {
      assert.equal(deployed.cloudwatch.periodSec, 300);
      // The capacity provider's gauges answer to the AWS-shaped dimensions.
      assert.ok((summary.vcpuAllocatedMax ?? 0) > 0, JSON.stringify(summary));
    }
  }
});
