// test-lane: concurrent: asserts wall-time estimates (computed, not measured).
// `--plan-only --target aws --load-workers 4` prints the plan's
// wall time with the variants side by side (the default with workers on AWS) and without, and
// side by side takes at most 55% of one variant after another. The new flags are validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, runProcess } from './spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const cli = join(repoRoot, 'bin/lmi-bench.mjs');
const out = testTempDir('lmi-bench-plan-only-');
test.after(() => rmSync(out, { recursive: true, force: true }));
const env = cleanEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' });

test('--plan-only --target aws --load-workers 4: side by side at most 55% of sequential', async () => {
  const run = await runProcess(process.execPath, [cli, 'bench', '--plan-only', '--target', 'aws', '--load-workers', '4', '--offline', '--out', out], { env });
  assert.equal(run.code, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as { load?: { workers: number; parallelVariants: boolean }; wallTime: { parallelVariants: boolean; estimateMin: number; sequentialMin: number; parallelMin: number; parallelShareOfSequential: number } };
  assert.deepEqual(plan.load, { workers: 4, parallelVariants: true });
  const wall = plan.wallTime;
  assert.equal(wall.parallelVariants, true);
  assert.equal(wall.estimateMin, wall.parallelMin);
  assert.ok(wall.parallelMin <= 0.55 * wall.sequentialMin, `parallel ${wall.parallelMin} min vs sequential ${wall.sequentialMin} min`);
  assert.ok(wall.parallelShareOfSequential <= 0.55);

  // --no-parallel-variants: the plan runs one variant after another, and says so.
  const sequential = await runProcess(process.execPath, [cli, 'bench', '--plan-only', '--target', 'aws', '--load-workers', '4', '--no-parallel-variants', '--offline', '--out', out], { env });
  assert.equal(sequential.code, 0, sequential.stderr);
  const seqPlan = JSON.parse(sequential.stdout) as { wallTime: { parallelVariants: boolean; estimateMin: number; sequentialMin: number } };
  assert.equal(seqPlan.wallTime.parallelVariants, false);
  assert.equal(seqPlan.wallTime.estimateMin, seqPlan.wallTime.sequentialMin);
});

test('--rates and --concurrency together, or a bad worker count, are one-line usage errors', async () => {
  for (const args of [['--rates', '40,120', '--concurrency', '8'], ['--load-workers', '0'], ['--rates', '0']]) {
    const run = await runProcess(process.execPath, [cli, 'bench', '--plan-only', '--offline', '--out', out, ...args], { env });
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
  const rates = await runProcess(process.execPath, [cli, 'bench', '--plan-only', '--offline', '--out', out, '--rates', '120,40'], { env });
  assert.equal(rates.code, 0, rates.stderr);
  assert.deepEqual((JSON.parse(rates.stdout) as { rates: number[] }).rates, [40, 120]);
});
