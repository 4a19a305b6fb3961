// test-lane: concurrent: asserts the exit code, the output and the CDK calls made, nothing about time.
// Ctrl-C while the AWS target deploys (a fake CDK CLI that holds its deploy): the deploy is interrupted, the stack destroyed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fakeCdkEnv } from './helpers.ts';
import { ownTypeScript } from '../cli/spawn-cli.ts';

const child = fileURLToPath(new URL('./sigint-child.ts', import.meta.url));

test('Ctrl-C during the deploy stops the CDK CLI, destroys the stack and exits 130', async () => {
  // The deploy never finishes on its own (60 s hold); outputs are never read.
  const cdk = fakeCdkEnv({}, { FAKE_CDK_DEPLOY_HOLD_MS: '60000' });
  const proc = spawn(process.execPath, ['--import', ownTypeScript, child], { env: cdk.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the deploy did not start:\n${stderr}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('DEPLOYING')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  proc.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => proc.once('exit', (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  assert.doesNotMatch(stdout, /STARTED/);
  assert.match(stderr, /lmi-bench: interrupted: deploy interrupted/);
  const calls = cdk.calls();
  assert.deepEqual(calls.map((c) => c.args?.[0] ?? c.event), ['deploy', 'deploy-interrupted', 'destroy']);
  assert.deepEqual(calls[2]?.args?.slice(0, 3), ['destroy', 'lmi-bench-aws-test-1', '--force']);
});
