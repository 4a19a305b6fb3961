// test-lane: concurrent: asserts a synthesised template.
// A plain `npx cdk synth` at the repository root, with no -c and no AWS credentials, gives the
// stack of a default bench: lmi-bench-manual, the default workload's functions with the same
// variants `npm run bench` measures (asked of the bench itself with --plan-only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;

function credentialFreeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_') && !key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  env['HOME'] = testTempDir('lmi-bench-home-');
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  env['CDK_DISABLE_CLI_TELEMETRY'] = 'true';
  return env;
}

test('npx cdk synth with no context synthesizes the default stack offline', () => {
  const env = credentialFreeEnv();
  const out = testTempDir('lmi-bench-plain-synth-');
  const synth = spawnSync('npx', ['--no-install', 'cdk', 'synth', '--quiet', '--no-notices', '--no-version-reporting', '-o', out], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
  assert.equal(synth.status, 0, `cdk synth failed:\n${synth.stderr}`);
  const template = JSON.parse(readFileSync(join(out, 'lmi-bench-manual.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

  const plan = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'bench', '--plan-only', '--out', testTempDir('lmi-bench-plain-plan-')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(plan.status, 0, plan.stderr);
  const variants = (JSON.parse(plan.stdout) as { variants: Array<{ mode: string; settings: { memoryMb: number; maxConcurrency?: number } }> }).variants;

  // Logical ids name the workload and the variant (IoBoundLambdaM512…, IoBoundLmiC64G2…).
  const functions = Object.entries(template.Resources)
    .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('IoBound'))
    .map(([, r]) => r);
  for (const variant of variants) {
    const match = functions.find((f) => f.Properties['MemorySize'] === variant.settings.memoryMb && (variant.mode === 'lmi') === (f.Properties['CapacityProviderConfig'] !== undefined));
    assert.ok(match, `no ${variant.mode} function of ${variant.settings.memoryMb} MB in the default stack`);
    if (variant.mode === 'lmi') {
      const config = match.Properties['CapacityProviderConfig'].LambdaManagedInstancesCapacityProviderConfig;
      assert.equal(config.PerExecutionEnvironmentMaxConcurrency, variant.settings.maxConcurrency);
    }
  }
  assert.ok(Object.values(template.Resources).some((r) => r.Type === 'AWS::Lambda::CapacityProvider'));
});
