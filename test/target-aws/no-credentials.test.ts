// test-lane: concurrent: asserts refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fakeCdkEnv } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;

/** No AWS variable, an empty HOME (no ~/.aws), the CDK stand-in recording any call. */
function noCredentials(): { env: NodeJS.ProcessEnv; cdkCalls: () => unknown[] } {
  const cdk = fakeCdkEnv({});
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(cdk.env)) if (!key.startsWith('AWS_')) env[key] = value;
  env['HOME'] = testTempDir('lmi-bench-home-');
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  return { env, cdkCalls: cdk.calls };
}

for (const argv of [
  ['bench', '--target', 'aws', '--workload', 'io-bound'],
  ['deploy', '--workload', 'io-bound'],
  ['destroy', '--run-id', 'some-run', '--yes'],
]) {
  test(`lmi-bench ${argv.join(' ')} without credentials fails with one line and exit 2, touching nothing`, () => {
    const { env, cdkCalls } = noCredentials();
    const out = testTempDir('lmi-bench-out-');
    const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', ...argv, ...(argv[0] === 'destroy' ? [] : ['--out', out])], {
      cwd: root, env, encoding: 'utf8', timeout: 60_000,
    });
    assert.equal(result.status, 2, result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', /^lmi-bench: .*credentials/);
    assert.equal(result.stdout, '');
    assert.deepEqual(cdkCalls(), []);
  });
}

test('destroy without --yes says what it would delete and exits 2', () => {
  const { env } = noCredentials();
  const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'destroy', '--run-id', 'r1', '--region', 'eu-west-1'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'lmi-bench: this deletes stack lmi-bench-r1 in eu-west-1 and everything in it: add --yes to go ahead\n');
});
