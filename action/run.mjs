#!/usr/bin/env node
// The action's main step (action.yml): bench the workload folder, run safety, check against the
// baseline, save this run as a baseline, and write the step's outputs. It exits 0 when it did
// its job, whatever the verdict: the upload steps run next, then the last step fails the job when
// `failed` is true. Bad inputs and a bench that could not run exit non-zero at once.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cli = new URL('../bin/lmi-bench.mjs', import.meta.url).pathname;
const env = process.env;

function input(name, fallback = '') {
  const value = (env[`INPUT_${name}`] ?? '').trim();
  return value === '' ? fallback : value;
}

function output(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function summary(text) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${text}\n`);
}

function fail(message) {
  process.stderr.write(`lmi-bench action: ${message}\n`);
  process.exit(2);
}

/** Runs the CLI with its output shown in the log; returns the exit code. */
function lmiBench(args) {
  process.stdout.write(`::group::lmi-bench ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env });
  process.stdout.write('::endgroup::\n');
  if (result.error) fail(`could not start lmi-bench: ${result.error.message}`);
  return result.status ?? 70;
}

function words(text) {
  return text.split(/\s+/).filter(Boolean);
}

/** The committed baseline, else the one file of the downloaded artifact; null when there is none. */
function findBaseline() {
  const committed = input('BASELINE');
  if (committed) {
    if (!existsSync(committed)) fail(`baseline ${committed} does not exist (commit one with: npx lmi-bench baseline save --run <run folder> --to ${committed})`);
    return committed;
  }
  const dir = input('BASELINE_DIR');
  if (!dir || !existsSync(dir)) return null;
  const files = readdirSync(dir).filter((name) => name.endsWith('.json') && statSync(join(dir, name)).isFile());
  if (files.length !== 1) fail(`the baseline artifact in ${dir} must hold one .json file, found ${files.length}`);
  return join(dir, files[0]);
}

const workloadInput = input('WORKLOAD');
if (!workloadInput) fail('the workload input is required: the folder holding workload.json and the handler');
// A folder of the repository: a bare name would be read as a built-in workload.
const workload = /^(\.{1,2}\/|\/)/.test(workloadInput) ? workloadInput : `./${workloadInput}`;
if (!existsSync(join(workload, 'workload.json'))) fail(`workload ${workloadInput}: no workload.json in that folder`);
const runtime = input('RUNTIME', 'node');
const out = resolve(input('OUT', 'lmi-bench-results'));
mkdirSync(out, { recursive: true });
output('out', out);
const sha = (env.GITHUB_SHA ?? spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout ?? '').trim().slice(0, 12) || 'local';
const runId = `${env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-` : ''}${sha}`.replace(/[^A-Za-z0-9._-]/g, '-');
const runDir = join(out, runId);

const benchCode = lmiBench([
  'bench', workload, '--runtime', runtime, '--concurrency', input('CONCURRENCY', '4,16'), '--duration', input('DURATION', '5'),
  '--trials', input('TRIALS', '3'), '--offline', '--quiet', '--out', out, '--run-id', runId, ...words(input('BENCH_ARGS')),
]);
if (benchCode !== 0) {
  summary(`## lmi-bench\n\nThe bench of \`${workload}\` did not complete (exit ${benchCode}); see the step's log.`);
  process.exit(benchCode);
}
output('run-dir', runDir);
output('report', join(runDir, 'report.html'));

const reasons = [];
let safety = 'skipped';
if (input('SAFETY', 'true') === 'true') {
  const code = lmiBench(['safety', workload, '--runtime', runtime, '--seed', '1', '--junit', join(out, 'safety-junit.xml'), '--json', join(out, 'safety.json'), '--out', out]);
  if (code === 1) {
    safety = 'errors';
    reasons.push('safety found shared-state errors');
  } else if (code !== 0) {
    fail(`safety exited ${code}`);
  } else {
    safety = 'clean';
  }
}
output('safety', safety);

const baseline = findBaseline();
let verdict = 'no-baseline';
if (baseline === null) {
  summary(`## lmi-bench\n\nNo baseline yet: this run (${runId}) is saved as one; the check runs once a baseline exists.`);
} else {
  const thresholds = input('THRESHOLDS');
  const code = lmiBench([
    'check', '--baseline', baseline, '--candidate', runDir, '--junit', join(out, 'check-junit.xml'), '--json', join(out, 'check.json'),
    '--html', join(out, 'check.html'), ...(thresholds ? ['--threshold', thresholds] : []),
  ]);
  if (code === 1) {
    verdict = 'regressed';
    reasons.push(`the candidate regressed against ${baseline}`);
  } else if (code !== 0) {
    fail(`check exited ${code}`);
  } else {
    verdict = 'passed';
  }
  output('check-html', join(out, 'check.html'));
}
output('verdict', verdict);

const saved = join(out, 'baseline', `${workloadInput.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}-${runtime}.json`);
mkdirSync(join(out, 'baseline'), { recursive: true });
if (lmiBench(['baseline', 'save', '--run', runDir, '--to', saved]) === 0) output('baseline-saved', saved);

output('failed', reasons.length > 0 ? 'true' : 'false');
output('reason', reasons.join('; '));
process.stdout.write(`lmi-bench action: verdict ${verdict}, safety ${safety}${reasons.length > 0 ? ` — failing: ${reasons.join('; ')}` : ''}\n`);
