// test-lane: concurrent: asserts files and calls.
// `--target aws` synthesises its CloudFormation template into a folder under /tmp. A symlink
// planted at the name an attacker can predict (lmi-bench-cdk-<stack>) must never receive it:
// each CDK call gets a folder made by mkdtemp (random name, mode 0700), and the folder is gone
// when the call ends, whether the deploy worked or failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsTarget } from '../../runner/target/aws/aws-target.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { awsPlan, fakeCdkEnv, recordedOutputs } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

test('the CDK assembly folder is private, never a planted path, and removed on success and failure', async () => {
  const plan = await awsPlan(['--modes', 'lambda']);
  const stack = `lmi-bench-${plan.runId}`;
  const victim = testTempDir('lmi-bench-victim-');
  const planted = join(tmpdir(), `lmi-bench-cdk-${stack}`);
  rmSync(planted, { recursive: true, force: true });
  symlinkSync(victim, planted);
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  try {
    for (const failDeploy of [false, true]) {
      const cdk = fakeCdkEnv(recordedOutputs(plan, planVariants(plan)), failDeploy ? { FAKE_CDK_DEPLOY_EXIT: '1' } : {});
      const target = new AwsTarget(plan, { env: cdk.env, lambdaClient: lambda as unknown as LambdaClient, wait: { pollMs: 1, timeoutMs: 5_000 }, log: () => {}, handleSigint: false });
      if (failDeploy) await assert.rejects(target.start(), /cdk deploy failed/);
      else {
        await target.start();
        await target.stop();
      }
      const calls = cdk.calls();
      assert.deepEqual(calls.map((c) => c.args?.[0]), ['deploy', 'destroy'], `failDeploy=${failDeploy}`);
      for (const call of calls) {
        const output = call.output;
        assert.ok(output, 'every CDK call names its --output folder');
        assert.notEqual(output.path, planted);
        assert.equal(output.isSymbolicLink, false);
        assert.equal(output.mode, 0o700, `${call.args?.[0]}: mode ${output.mode?.toString(8)}`);
        assert.equal(existsSync(output.path), false, `${output.path} was left behind`);
      }
      assert.deepEqual(readdirSync(victim), [], 'the template went through the planted symlink');
    }
  } finally {
    lambda.restore();
    rmSync(planted, { force: true });
    rmSync(victim, { recursive: true, force: true });
  }
});
