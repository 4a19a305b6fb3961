// test-lane: serial: a 30% slower handler must regress and an unchanged one must not: measured latency.
/**
 * The GitHub Action's steps (action.yml) run in a temporary repository with the GitHub
 * environment files emulated: a first run records a baseline, a candidate whose handler is 30%
 * slower fails the job with failing JUnit cases and the table in the step summary, and an
 * unchanged candidate (its baseline from a downloaded-artifact folder) passes. Loads are 1.5 s
 * trials on the local engine, LMI only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJunit } from '../check/support.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');

/** The `run:` command of the step with this name or id (action.yml keeps each on one line). */
function stepRun(marker: RegExp): string {
  const steps = actionYml.split(/\n    - /).slice(1);
  const step = steps.find((s) => marker.test(s));
  assert.ok(step, `no step matching ${marker}`);
  const run = /\n      run: (.+)/.exec(step)?.[1];
  assert.ok(run, `the step matching ${marker} has no one-line run`);
  return run.replace(/^'(.*)'$/, '$1');
}

function workload(repo: string, delaysMs: number[]): void {
  writeFileSync(join(repo, 'my-fn', 'workload.json'), JSON.stringify({
    name: 'my-fn', description: 'waits on two downstream calls', kind: 'io', memoryMb: 512,
    event: { delaysMs }, runtimes: { node: { handler: 'node/index.handler' } },
  }));
}

function git(repo: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

interface StepResult {
  code: number | null;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

/** Runs the action's main step as the runner would: its command through bash, inputs as INPUT_* variables. */
function runStep(repo: string, runId: string, inputs: Record<string, string>): StepResult {
  const files = testTempDir('lmi-bench-action-env-');
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_RUN_ID: runId, GITHUB_SHA: 'abc123' };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name}`] = value;
  const result = spawnSync('bash', ['-c', stepRun(/id: run\n/)], { cwd: repo, env, encoding: 'utf8', timeout: 240_000 });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { code: result.status, outputs, summary: readFileSync(summaryFile, 'utf8'), log: `${result.stdout}\n${result.stderr}` };
}

const load = { WORKLOAD: 'my-fn', RUNTIME: 'node', CONCURRENCY: '4', DURATION: '1.5', TRIALS: '3', BENCH_ARGS: '--modes lmi --warmup 0.5' };

test('action.yml wires every input into its steps, and its last step fails the job when the run step says so', () => {
  const inputsBlock = actionYml.slice(actionYml.indexOf('\ninputs:'), actionYml.indexOf('\noutputs:'));
  const inputs = [...inputsBlock.matchAll(/^  ([a-z-]+):\n    description:/gm)].map((m) => m[1]!);
  assert.ok(inputs.length >= 10, inputs.join(','));
  for (const name of inputs) assert.ok(actionYml.includes(`\${{ inputs.${name} }}`) || actionYml.includes(`inputs.${name} `), `input ${name} is used by no step`);
  assert.match(actionYml, /using: composite/);
  assert.match(actionYml, /uses: actions\/upload-artifact@v4/);
  const failStep = stepRun(/Fail on a regression/);
  assert.match(actionYml, /if: steps\.run\.outputs\.failed == 'true'\n      shell: bash\n      env:\n        REASON:/);
  const failed = spawnSync('bash', ['-c', failStep], { env: { PATH: process.env['PATH'], REASON: 'the candidate regressed' }, encoding: 'utf8' });
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /::error title=lmi-bench::the candidate regressed/);
});

test('baseline, then +30% latency fails with failing JUnit cases and the table, then unchanged passes', { timeout: 600_000 }, () => {
  const repo = testTempDir('lmi-bench-action-repo-');
  mkdirSync(join(repo, 'my-fn', 'node'), { recursive: true });
  copyFileSync(join(root, 'workloads', 'io-bound', 'node', 'index.mjs'), join(repo, 'my-fn', 'node', 'index.mjs'));
  workload(repo, [120, 150]);
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'my function');

  // 1. No baseline yet (the default branch's first run): measured, safety checked, saved as a baseline.
  const first = runStep(repo, '1', { ...load, SAFETY: 'true' });
  assert.equal(first.code, 0, first.log);
  assert.equal(first.outputs['verdict'], 'no-baseline');
  assert.equal(first.outputs['safety'], 'clean');
  assert.equal(first.outputs['failed'], 'false');
  assert.ok(existsSync(first.outputs['report'] ?? ''), 'report.html');
  assert.match(first.summary, /lmi-bench safety: my-fn \(node\): 0 errors/);
  const saved = first.outputs['baseline-saved'] ?? '';
  assert.ok(existsSync(saved), first.log);
  mkdirSync(join(repo, 'baselines'));
  copyFileSync(saved, join(repo, 'baselines', 'my-fn-node.json'));
  git(repo, 'add', 'baselines');
  git(repo, 'commit', '-qm', 'baseline');

  // 2. The handler waits 30% longer: the committed baseline catches it.
  workload(repo, [156, 195]);
  const slower = runStep(repo, '2', { ...load, SAFETY: 'false', BASELINE: 'baselines/my-fn-node.json' });
  assert.equal(slower.code, 0, slower.log);
  assert.equal(slower.outputs['verdict'], 'regressed', slower.summary);
  assert.equal(slower.outputs['failed'], 'true');
  assert.match(slower.outputs['reason'] ?? '', /regressed against baselines\/my-fn-node\.json/);
  assert.equal(slower.outputs['safety'], 'skipped');
  const junit = parseJunit(join(first.outputs['out'] ?? '', 'check-junit.xml'));
  assert.ok(junit.failures > 0 && junit.failed.some((name) => /p50/.test(name)), JSON.stringify(junit));
  assert.match(slower.summary, /\| Status \| Variant \| Concurrency \| Metric \| Baseline \| Candidate \|/);
  assert.match(slower.summary, /❌ regressed \| lmi-\S+ \| 4 \| p50 \|/);
  assert.match(readFileSync(slower.outputs['check-html'] ?? '', 'utf8'), /id="verdict" data-regressed="[1-9]/);

  // 3. Back to the original handler, the baseline from a downloaded artifact's folder: passes.
  workload(repo, [120, 150]);
  const artifact = testTempDir('lmi-bench-action-artifact-');
  copyFileSync(saved, join(artifact, 'my-fn-node.json'));
  const same = runStep(repo, '3', { ...load, SAFETY: 'false', BASELINE_DIR: artifact });
  assert.equal(same.code, 0, same.log);
  assert.equal(same.outputs['verdict'], 'passed', same.summary);
  assert.equal(same.outputs['failed'], 'false');
  assert.match(same.summary, /\*\*no regression\*\*/);
});
