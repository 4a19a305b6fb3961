// test-lane: concurrent: asserts plans.
// What npm leaves us (npm_config_<flag>=true plus bare arguments in unknown order) is
// resolved to the one reading under which every value parses, and argv wins over npm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs } from '../../runner/cli/commands/bench-flags.ts';
import { testTempDir } from '../temp-dir.ts';

const root = testTempDir('lmi-bench-npm-');
test.after(() => rmSync(root, { recursive: true, force: true }));
const underNpm = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ npm_lifecycle_event: 'bench', ...vars });

async function plan(argv: string[], env: NodeJS.ProcessEnv) {
  const parsed = await parseBenchArgs([...argv, '--out', join(root, 'r')], env, root);
  assert.equal(parsed.kind, 'plan');
  return parsed;
}

test('detached values go to the only flags they parse for, whatever order npm gave them', async () => {
  const env = underNpm({ npm_config_workload: 'true', npm_config_concurrency: 'true', npm_config_runtime: 'true', npm_config_plan_only: 'true' });
  for (const argv of [['mixed', '1,8', 'python'], ['python', 'mixed', '1,8'], ['1,8', 'python', 'mixed']]) {
    const { plan: p, planOnly } = await plan(argv, env);
    assert.equal(p.workload.manifest.name, 'mixed');
    assert.deepEqual(p.concurrency, [1, 8]);
    assert.equal(p.runtime, 'python');
    assert.equal(planOnly, true);
  }
});

test('a bare workload next to a detached flag is told apart', async () => {
  const { plan: p } = await plan(['3', 'cpu-bound'], underNpm({ npm_config_trials: 'true' }));
  assert.equal(p.trials, 3);
  assert.equal(p.workload.manifest.name, 'cpu-bound');
});

test('npm values with =, booleans from --flag and --no-flag, and argv after -- winning', async () => {
  const env = underNpm({ npm_config_workload: 'cpu-bound', npm_config_offline: 'true', npm_config_free_tier: '', npm_config_trials: '4' });
  const { plan: p } = await plan(['--trials', '2'], env);
  assert.equal(p.workload.manifest.name, 'cpu-bound');
  assert.equal(p.pricing.offline, true);
  assert.equal(p.pricing.freeTier, false);
  assert.equal(p.trials, 2);
});

test('npm_config_* outside an npm script is the user npm setup, not flags', async () => {
  const { plan: p } = await plan([], { npm_config_workload: 'cpu-bound', npm_config_offline: 'true' });
  assert.equal(p.workload.manifest.name, 'io-bound');
  assert.equal(p.pricing.offline, false);
});

test('an npm config value that is not ours to take is named in the error', async () => {
  // node-gyp users often carry npm_config_arch=x64 or npm_config_target=<electron version>.
  await assert.rejects(parseBenchArgs([], underNpm({ npm_config_target: '30.0.1' }), root), /--target \(npm_config_target\) must be one of local, aws/);
  const { plan: p } = await plan(['--instance-type', 'm7i.xlarge'], underNpm({ npm_config_arch: 'x64' }));
  assert.equal(p.lambda.architecture, 'x86_64');
});

test('ambiguous or missing detached values are refused', async () => {
  await assert.rejects(parseBenchArgs(['3', '5'], underNpm({ npm_config_trials: 'true', npm_config_duration: 'true' }), root), /npm does not keep the order/);
  await assert.rejects(parseBenchArgs([], underNpm({ npm_config_workload: 'true' }), root), /--workload needs a value/);
  await assert.rejects(parseBenchArgs(['3', 'mixed', 'x'], underNpm({ npm_config_trials: 'true' }), root), /too many bare arguments/);
});
