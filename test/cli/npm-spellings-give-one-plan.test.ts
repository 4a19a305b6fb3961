// test-lane: concurrent: asserts plans.
// The four spellings the README promises, through REAL npm 11: npm turns `--workload mixed`
// into npm_config_workload=true plus a bare `mixed`, and `--workload=mixed` into
// npm_config_workload=mixed; the bench command must see one and the same plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanEnv, inBatches, planFromStdout, runBench, runProcess } from './spawn-cli.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** What must agree between spellings: everything but the time-stamped run id and folder. */
function comparable(plan: Record<string, unknown>): Record<string, unknown> {
  const { runId: _runId, outDir: _outDir, ...rest } = plan;
  return rest;
}

async function npmPlan(args: string[]): Promise<Record<string, unknown>> {
  const result = await runProcess(npm, ['run', 'bench', ...args], { env: cleanEnv() });
  assert.equal(result.code, 0, `npm run bench ${args.join(' ')} failed: ${result.stderr}`);
  return comparable(planFromStdout(result.stdout));
}

test('npm run bench --workload X, --workload=X, -- --workload X and bare X give the same plan', async () => {
  // `mixed` is not the default workload, so a spelling that lost the name would show.
  const spellings = [
    ['--workload', 'mixed', '--plan-only'],
    ['--workload=mixed', '--plan-only'],
    ['--', '--workload', 'mixed', '--plan-only'],
    ['mixed', '--plan-only'],
  ];
  const [direct, ...viaNpm] = await Promise.all([
    runBench(['--workload', 'mixed', '--plan-only']),
    ...spellings.map((args) => npmPlan(args)),
  ]);
  assert.ok(direct);
  assert.equal(direct.code, 0, direct.stderr);
  const expected = comparable(planFromStdout(direct.stdout));
  assert.deepEqual((expected['workload'] as { name: string }).name, 'mixed');
  viaNpm.forEach((plan, i) => assert.deepEqual(plan, expected, `spelling ${spellings[i]?.join(' ')}`));
});

test('lists, booleans and several detached flags survive npm in any order', async () => {
  const direct = await runBench(
    ['--workload', 'mixed', '--concurrency', '1,8', '--runtime', 'python', '--offline', '--free-tier', '--lmi-gib-per-vcpu', '2,4', '--lmi-memory', '4096', '--plan-only'],
  );
  assert.equal(direct.code, 0, direct.stderr);
  const expected = comparable(planFromStdout(direct.stdout));
  assert.deepEqual(expected['concurrency'], [1, 8]);
  assert.deepEqual(expected['pricing'], { offline: true, lambdaDiscount: 0, lmiDiscount: 0, freeTier: true });
  const [a, b] = await inBatches(
    [
      ['--workload', 'mixed', '--concurrency', '1,8', '--runtime', 'python', '--offline', '--free-tier', '--lmi-gib-per-vcpu=2,4', '--lmi-memory=4096', '--plan-only'],
      ['--runtime', 'python', '--concurrency', '8,1', '--plan-only', '--offline', '--workload', 'mixed', '--lmi-gib-per-vcpu', '4,2', '--free-tier', '--lmi-memory', '4096'],
    ],
    2,
    npmPlan,
  );
  assert.deepEqual(a, expected);
  assert.deepEqual(b, expected);
});

test('values npm detached that fit more than one flag are refused, not guessed', async () => {
  const result = await runProcess(npm, ['run', 'bench', '--trials', '3', '--duration', '5', '--plan-only'], { env: cleanEnv() });
  assert.equal(result.code, 2);
  const ours = result.stderr.split('\n').filter((line) => line.startsWith('lmi-bench:'));
  assert.equal(ours.length, 1, result.stderr);
  assert.match(ours[0] ?? '', /npm does not keep the order of --duration, --trials.*--name=value/);
});
