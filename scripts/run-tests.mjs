// Runs every test/**/*.test.ts with node's test runner through tsx, in two lanes (test-lanes.mjs):
// the pure files first, several at a time, then every file that starts a process, opens a socket
// or reads the clock, one at a time, because those measure a 2-core machine and give honest
// timings only when nothing competes with them. Ends with the 10 slowest files, so the next
// slowdown is visible, and with one summary over both lanes ("ℹ pass N", "ℹ fail N"), which CI reads.
//
// `node scripts/run-tests.mjs <substring>...` runs only the files whose path contains one of them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { laneOf } from './test-lanes.mjs';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'test');
const filter = process.argv.slice(2);
const reporter = join(root, 'scripts', 'file-times-reporter.mjs');
const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
/** The spec reporter's own closing lines: each lane's are replaced by one summary over all lanes. */
const laneSummaryLine = new RegExp(`^ℹ (${[...summaryKeys, 'duration_ms'].join('|')}) [\\d.]+$`);

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Runs one lane; resolves with its exit code, per-file times and summary counts. */
function runLane(files, concurrency, timesPath, sharedDir) {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`, `--test-reporter-destination=${timesPath}`,
      ...files,
    ],
    // The SDK's Node 20 support-window warning would repeat in every test file's output.
    // LMI_BENCH_TEST_SHARED_DIR: what one file measured and a later one may reuse (test/check/support.ts).
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, LMI_BENCH_TEST_SHARED_DIR: sharedDir } },
  );
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!laneSummaryLine.test(line)) process.stdout.write(line + '\n');
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      const lines = readFileSync(timesPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
      resolve({
        code: code ?? (signal ? 1 : 0),
        times: lines.filter((line) => line.file !== undefined),
        summary: lines.find((line) => line.summary !== undefined)?.summary ?? {},
      });
    });
  });
}

const files = collect(testRoot)
  .filter((path) => filter.length === 0 || filter.some((f) => relative(root, path).includes(f)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const lanes = [
  { name: 'pure', files: files.filter((f) => laneOf(f, testRoot) === 'pure'), concurrency: Math.max(2, availableParallelism()) },
  { name: 'serial', files: files.filter((f) => laneOf(f, testRoot) === 'serial'), concurrency: 1 },
];
const scratch = mkdtempSync(join(tmpdir(), 'lmi-bench-run-tests-'));
mkdirSync(join(scratch, 'shared'));
const startedAt = performance.now();
const results = [];
try {
  for (const lane of lanes) {
    if (lane.files.length === 0) continue;
    const laneStart = performance.now();
    const result = await runLane(lane.files, lane.concurrency, join(scratch, `${lane.name}.jsonl`), join(scratch, 'shared'));
    results.push({ ...result, lane, wallMs: performance.now() - laneStart });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
console.log('\nlanes:');
for (const { lane, wallMs } of results) console.log(`${seconds(wallMs)}  ${lane.name}: ${lane.files.length} files, ${lane.concurrency} at a time`);
console.log('slowest files:');
const slowest = results.flatMap((r) => r.times).sort((a, b) => b.durationMs - a.durationMs).slice(0, 10);
for (const { file, durationMs } of slowest) console.log(`${seconds(durationMs)}  ${relative(root, file)}`);
for (const key of summaryKeys) console.log(`ℹ ${key} ${results.reduce((total, r) => total + (r.summary[key] ?? 0), 0)}`);
console.log(`ℹ duration_ms ${(performance.now() - startedAt).toFixed(3)}`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
