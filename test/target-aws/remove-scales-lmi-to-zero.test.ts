// test-lane: concurrent: asserts calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetFunctionConfigurationCommand, LambdaClient, PutFunctionScalingConfigCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsTarget } from '../../runner/target/aws/aws-target.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { awsPlan, fakeCdkEnv, recordedOutputs } from './helpers.ts';

test('removing a measured LMI variant scales its version to zero environments; standard needs nothing', async () => {
  const plan = await awsPlan();
  const variants = planVariants(plan);
  const cdk = fakeCdkEnv(recordedOutputs(plan, variants));
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  lambda.on(PutFunctionScalingConfigCommand).resolves({});
  const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, log: () => {}, handleSigint: false });
  await target.start();
  for (const variant of variants) await target.remove(await target.deploy(variant));
  const calls = lambda.commandCalls(PutFunctionScalingConfigCommand).map((c) => c.args[0].input);
  const lmi = variants.filter((v) => v.mode === 'lmi');
  assert.equal(calls.length, lmi.length);
  assert.deepEqual(calls[0]?.FunctionScalingConfig, { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 });
  assert.equal(calls[0]?.Qualifier, '1');
  assert.match(calls[0]?.FunctionName ?? '', /Lmi/);
  await target.stop();
  lambda.restore();
});

test('a scale-down the API refuses is reported, not fatal: the stack teardown still removes it', async () => {
  const plan = await awsPlan();
  const variants = planVariants(plan);
  const cdk = fakeCdkEnv(recordedOutputs(plan, variants));
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  lambda.on(PutFunctionScalingConfigCommand).rejects(new Error('MaxExecutionEnvironments must be at least 1'));
  const lines: string[] = [];
  const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, log: (l) => lines.push(l), handleSigint: false });
  await target.start();
  const lmi = variants.find((v) => v.mode === 'lmi');
  assert.ok(lmi);
  await target.remove(await target.deploy(lmi));
  assert.ok(lines.some((l) => /could not scale .*:1 to zero .*MaxExecutionEnvironments must be at least 1/.test(l)));
  await target.stop();
  assert.equal(cdk.calls().filter((c) => c.args?.[0] === 'destroy').length, 1);
  lambda.restore();
});
