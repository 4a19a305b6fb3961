// test-lane: concurrent: asserts calls and printed lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsTarget } from '../../runner/target/aws/aws-target.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { awsPlan, fakeCdkEnv, recordedOutputs } from './helpers.ts';

test('start deploys with the CDK CLI, reads the outputs, waits for active versions; deploy gives signed endpoints; stop destroys once', async () => {
  const plan = await awsPlan(['--lmi-max-concurrency', '16,64']);
  const variants = planVariants(plan);
  const cdk = fakeCdkEnv(recordedOutputs(plan, variants));
  const lambda = mockClient(LambdaClient);
  let polls = 0;
  lambda.on(GetFunctionConfigurationCommand).callsFake((input: { FunctionName: string; Qualifier: string }) => {
    polls += 1;
    // The first LMI poll sees a version still provisioning.
    const pending = input.FunctionName.includes('Lmi') && polls <= 2;
    return { FunctionName: input.FunctionName, State: pending ? 'Pending' : 'Active', LastUpdateStatus: pending ? 'InProgress' : 'Successful' };
  });
  const lines: string[] = [];
  const target = new AwsTarget(plan, {
    env: cdk.env,
    lambdaClient: lambda as unknown as LambdaClient,
    wait: { pollMs: 1, timeoutMs: 5_000 },
    log: (line) => lines.push(line),
    handleSigint: false,
  });
  await target.start();

  const [deployCall] = cdk.calls();
  assert.ok(deployCall?.args);
  assert.deepEqual(deployCall.args.slice(0, 4), ['deploy', 'lmi-bench-aws-test-1', '--require-approval', 'never']);
  assert.equal(deployCall.args[deployCall.args.indexOf('--outputs-file') + 1], target.outputsPath);
  const context = Object.fromEntries(deployCall.args.flatMap((a, i) => (deployCall.args?.[i - 1] === '-c' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));
  assert.equal(context['runId'], 'aws-test-1');
  assert.equal(context['workload'], plan.workload.dir);
  assert.deepEqual(JSON.parse(context['variants'] as string), variants);
  assert.equal(deployCall.region, 'us-east-1');
  assert.match(deployCall.args[deployCall.args.indexOf('--output') + 1] ?? '', /lmi-bench-cdk-lmi-bench-aws-test-1-\w{6}$/);
  // The CLI's output is shown as progress; the estimate was printed before it.
  assert.ok(lines.some((l) => l.startsWith('Estimated AWS cost of this run: $')));
  assert.ok(lines.some((l) => l.includes('cdk: lmi-bench-aws-test-1 | 3/41 | CREATE_IN_PROGRESS')));
  assert.ok(lines.some((l) => /version 1 is Pending\/InProgress/.test(l)));
  assert.equal(lambda.commandCalls(GetFunctionConfigurationCommand).every((c) => c.args[0].input.Qualifier === 'live'), true);

  const lmi = variants.find((v) => v.mode === 'lmi');
  const standard = variants.find((v) => v.mode === 'lambda');
  assert.ok(lmi && standard);
  const deployedLmi = await target.deploy(lmi);
  assert.match(deployedLmi.url, /^https:\/\/.*\.lambda-url\.us-east-1\.on\.aws\/$/);
  assert.equal(deployedLmi.cloudwatch.periodSec, 300);
  assert.equal(deployedLmi.cloudwatch.endpoint, undefined);
  assert.deepEqual(deployedLmi.cloudwatch.functionDimensions, { FunctionName: deployedLmi.functionName, Resource: `${deployedLmi.functionName}:1` });
  assert.deepEqual(deployedLmi.cloudwatch.capacityProviderDimensions, { CapacityProviderName: 'CapacityProvider7AA4F436-Xc2bQ1Jm9LkA', InstanceType: 'm7i.xlarge' });
  const deployedStandard = await target.deploy(standard);
  assert.equal(deployedStandard.cloudwatch.periodSec, 60);
  assert.deepEqual(deployedStandard.cloudwatch.functionDimensions, { FunctionName: deployedStandard.functionName, Resource: `${deployedStandard.functionName}:live` });
  assert.equal(await target.windowStats(deployedStandard, { startMs: 0, endMs: 1 }), null);

  assert.ok(deployedStandard.signRequest);
  const headers = await deployedStandard.signRequest({ method: 'POST', url: deployedStandard.url, headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.match(headers['authorization'] ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);

  await Promise.all([target.stop(), target.stop()]);
  const destroys = cdk.calls().filter((c) => c.args?.[0] === 'destroy');
  assert.equal(destroys.length, 1);
  assert.deepEqual(destroys[0]?.args?.slice(0, 3), ['destroy', 'lmi-bench-aws-test-1', '--force']);
  lambda.restore();
});

test('with --keep, stop leaves the stack and says how to remove it', async () => {
  const plan = { ...(await awsPlan(['--modes', 'lambda'])), aws: { keep: true, maxSpendUsd: 1000 } };
  const cdk = fakeCdkEnv(recordedOutputs(plan, planVariants(plan)));
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  const lines: string[] = [];
  const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, log: (l) => lines.push(l), handleSigint: false });
  await target.start();
  await target.stop();
  assert.equal(cdk.calls().filter((c) => c.args?.[0] === 'destroy').length, 0);
  assert.ok(lines.some((l) => l.includes('lmi-bench destroy --run-id aws-test-1 --yes')));
  // A second Ctrl-C exits at once: the user is told what may be left.
  target.kill();
  assert.match(lines.at(-1) ?? '', /may still exist and cost money: lmi-bench destroy --run-id aws-test-1 --region us-east-1 --yes/);
  lambda.restore();
});

test('a failed deploy tears down what was created and reports the CLI error', async () => {
  const plan = await awsPlan(['--modes', 'lambda']);
  const cdk = fakeCdkEnv(recordedOutputs(plan, planVariants(plan)), { FAKE_CDK_DEPLOY_EXIT: '1' });
  const target = new AwsTarget(plan, { env: cdk.env, log: () => {}, handleSigint: false });
  await assert.rejects(target.start(), /cdk deploy failed \(exit 1\):.*quota exceeded/);
  assert.deepEqual(cdk.calls().map((c) => c.args?.[0]), ['deploy', 'destroy']);
});

test('a version that fails to provision fails the start and destroys the stack', async () => {
  const plan = await awsPlan();
  const cdk = fakeCdkEnv(recordedOutputs(plan, planVariants(plan)));
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).callsFake((input: { FunctionName: string }) =>
    input.FunctionName.includes('Lmi')
      ? { State: 'Failed', LastUpdateStatus: 'Failed', StateReason: 'Not enough capacity for m7g.xlarge in the capacity provider subnets', StateReasonCode: 'InsufficientCapacity' }
      : { State: 'Active', LastUpdateStatus: 'Successful' },
  );
  const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, wait: { pollMs: 1 }, log: () => {}, handleSigint: false });
  await assert.rejects(target.start(), /failed to become active: Not enough capacity.*InsufficientCapacity/);
  assert.deepEqual(cdk.calls().map((c) => c.args?.[0]), ['deploy', 'destroy']);
  lambda.restore();
});
