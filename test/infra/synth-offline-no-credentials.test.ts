// test-lane: concurrent: asserts a synthesised template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testVariants } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;

/** The environment of CI: no AWS credentials, no profile, no metadata endpoint, an empty HOME. */
function credentialFreeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value;
  }
  env['HOME'] = testTempDir('lmi-bench-home-');
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  env['CDK_DISABLE_CLI_TELEMETRY'] = 'true';
  return env;
}

test('npx cdk synth works offline with no credentials and builds an environment-agnostic stack over 3 AZs', () => {
  const out = testTempDir('lmi-bench-synth-');
  const result = spawnSync(
    'npx',
    ['--no-install', 'cdk', 'synth', '--quiet', '--no-notices', '--no-version-reporting', '-o', out,
      '-c', 'runId=ci-synth', '-c', 'workload=mixed', '-c', 'runtime=python', '-c', 'frontDoor=http-api',
      '-c', `variants=${JSON.stringify(testVariants)}`],
    { cwd: root, env: credentialFreeEnv(), encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(result.status, 0, `cdk synth failed:\n${result.stderr}`);
  const template = JSON.parse(readFileSync(join(out, 'lmi-bench-ci-synth.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    Outputs: Record<string, unknown>;
  };
  const all = Object.values(template.Resources);
  const provider = all.find((r) => r.Type === 'AWS::Lambda::CapacityProvider');
  assert.ok(provider);
  // Environment-agnostic: AZs are picked at deploy time as Fn::Select 0, 1, 2 of Fn::GetAZs.
  const subnets = Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::EC2::Subnet'));
  const indexes = (provider.Properties['VpcConfig'].SubnetIds as Array<{ Ref: string }>).map(
    (ref) => subnets[ref.Ref]?.Properties['AvailabilityZone']['Fn::Select'][0],
  );
  assert.deepEqual(indexes.sort(), [0, 1, 2]);
  const functions = all.filter((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties['Description']).startsWith('lmi-bench'));
  assert.equal(functions.length, testVariants.length);
  for (const f of functions) assert.equal(f.Properties['Runtime'], 'python3.13');
  // The HTTP API front door: IAM-authorized routes, no Function URLs.
  assert.equal(all.filter((r) => r.Type === 'AWS::Lambda::Url').length, 0);
  const routes = all.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
  assert.equal(routes.length, testVariants.length);
  for (const route of routes) assert.equal(route.Properties['AuthorizationType'], 'AWS_IAM');
  assert.equal(template.Outputs['FrontDoor'] !== undefined, true);
});

test('cdk synth with a bad context value fails with one line and exit 2', () => {
  const result = spawnSync(
    'npx',
    ['--no-install', 'cdk', 'synth', '--quiet', '--no-notices', '-o', testTempDir('lmi-bench-synth-'),
      '-c', 'runId=bad', '-c', 'workload=io-bound', '-c', 'variants=[{"id":"lmi-x","mode":"lmi","settings":{"memoryMb":1024,"maxConcurrency":4,"gibPerVcpu":2}}]'],
    { cwd: root, env: credentialFreeEnv(), encoding: 'utf8', timeout: 120_000 },
  );
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /lmi-bench infra: variants\[0\]: an LMI function needs at least 2048 MB, got 1024/);
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace');
});
