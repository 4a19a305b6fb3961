#!/usr/bin/env node
// `npm run check:package`: what a new user gets from `npm install -D lmi-bench`. Packs this
// clone, installs the tarball into an empty temporary project (no AWS parts), and runs there:
// advise (a what-if and a fleet what-if file), a 2-second bench of a workload folder of that
// project, report, safety and check, `deploy` (must refuse in one line with exit 2), and `du` of
// node_modules (< 100 MB). It installs from the npm registry (or the npm cache) and takes about a
// minute and a half, so it is kept out of `npm test`; the file list is checked by test/package/.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const limitMb = 100;
const work = mkdtempSync(join(tmpdir(), 'lmi-bench-package-'));
const project = join(work, 'user-project');
const failures = [];

function step(name, command, args, expect = 0) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', timeout: 300_000, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === expect;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name} (exit ${result.status}, ${seconds} s)\n`);
  if (!ok) {
    failures.push(name);
    process.stdout.write(`${result.stdout}\n${result.stderr}\n`);
  }
  return result;
}

try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  const tarball = join(work, packed[0].filename);
  process.stdout.write(`packed ${packed[0].entryCount} files, ${(packed[0].size / 1024).toFixed(0)} kB: ${tarball}\n`);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }, null, 2));
  step('npm install -D <tarball>', 'npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', tarball]);

  const kb = Number(execFileSync('du', ['-sk', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
  const mb = kb / 1024;
  process.stdout.write(`${mb < limitMb ? 'ok  ' : 'FAIL'} node_modules is ${mb.toFixed(1)} MB (limit ${limitMb} MB)\n`);
  if (mb >= limitMb) failures.push('node_modules size');

  // The user's own function: a workload folder in their repository.
  const installed = join(project, 'node_modules', 'lmi-bench', 'workloads', 'io-bound');
  cpSync(join(installed, 'node'), join(project, 'my-fn', 'node'), { recursive: true });
  writeFileSync(join(project, 'my-fn', 'workload.json'), JSON.stringify({
    name: 'my-fn', description: 'a user function: waits on two downstream calls', kind: 'io', memoryMb: 512,
    event: { delaysMs: [20, 30] }, runtimes: { node: { handler: 'node/index.handler' } },
  }, null, 2));

  step('advise what-if', 'npx', ['lmi-bench', 'advise', '--requests-per-month', '50000000', '--duration-ms', '120', '--memory-mb', '1024', '--cpu-ms', '10', '--arch', 'arm64', '--offline']);
  writeFileSync(join(project, 'fleet.csv'), 'name,requests_per_month,duration_ms,memory_mb,arch,cpu_ms,runtime\norders,100000000,200,1024,arm64,10,nodejs22.x\npayments,100000000,200,1024,arm64,10,nodejs22.x\ncron,0,200,1024,arm64,10,nodejs22.x\n');
  const fleet = step('advise --what-if fleet.csv', 'npx', ['lmi-bench', 'advise', '--what-if', 'fleet.csv', '--offline']);
  if (!/Capacity provider 1: arm64/.test(fleet.stdout)) failures.push('fleet proposal');
  const bench = ['lmi-bench', 'bench', './my-fn', '--concurrency', '2', '--duration', '2', '--warmup', '0', '--lmi-max-concurrency', '8', '--offline', '--out', 'results'];
  step('bench ./my-fn (2 s)', 'npx', [...bench, '--run-id', 'base']);
  step('bench ./my-fn again (2 s)', 'npx', [...bench, '--run-id', 'cand']);
  step('report', 'npx', ['lmi-bench', 'report', 'results/base']);
  step('safety ./my-fn', 'npx', ['lmi-bench', 'safety', './my-fn', '--concurrency', '4', '--rounds', '2', '--seed', '1']);
  step('check --html', 'npx', ['lmi-bench', 'check', '--baseline', 'results/base', '--candidate', 'results/cand', '--threshold', 'p50=200%,p95=200%,p99=200%,throughput=200%,cost=200%', '--html', 'check.html', '--junit', 'check.xml']);
  const deploy = step('deploy without the AWS parts', 'npx', ['lmi-bench', 'deploy', '--workload', 'io-bound'], 2);
  const lines = deploy.stderr.trim().split('\n');
  const oneLine = lines.length === 1 && /npm install -D aws-cdk@\S+ aws-cdk-lib@\S+ constructs@\S+/.test(lines[0]);
  process.stdout.write(`${oneLine ? 'ok  ' : 'FAIL'} deploy says in one line what to install: ${lines[0]}\n`);
  if (!oneLine) failures.push('deploy message');
  process.stdout.write(`results: ${readdirSync(join(project, 'results')).join(', ')}\n`);
} finally {
  if (failures.length === 0) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`kept for inspection: ${work}\n`);
}
process.stdout.write(failures.length === 0 ? 'check:package passed\n' : `check:package failed: ${failures.join(', ')}\n`);
process.exit(failures.length === 0 ? 0 : 1);
