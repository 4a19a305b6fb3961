// Runs every test/**/*.test.ts with node's test runner, loading TypeScript as the CLI does
// (runner/system/typescript-register.mjs), in lanes (test-lanes.mjs): first the files that start
// processes but assert nothing about time, a few at a time, beside the files that mostly sleep,
// all at once; then every file whose assertions depend on time, rate, CPU or latency, one at a
// time, because those measure a 2-core machine and give honest timings only when nothing
// competes with them. The pure files (no process, socket, timer or clock) and the type check run
// beside that serial lane at idle priority (SCHED_IDLE, `chrt --idle`): they get only the CPU
// the serial files leave unused (about 60% of it), a serial file that wakes takes its core back
// at once, and they have no clock to miss. Only these: the files that start engines and loads
// were tried there too, and their loopback traffic, handled by the kernel whatever the sender's
// priority, pushed a serial file's p99 from under 60 ms to 116-252 ms. Where SCHED_IDLE cannot
// be had, the pure files and the type check run beside the first stage instead. Ends with each
// lane's wall time and the 10 slowest files, so the next slowdown is visible, and with one
// summary over the lanes ("ℹ pass N", "ℹ fail N"), which CI reads.
//
// The lanes get a temp folder of their own (TMPDIR). The run fails, naming them, when it leaves an
// lmi-bench-* entry in it or a process it started alive (run-leftovers.mjs); such processes are
// then ended, so they outlive no run. New /tmp/lmi-bench-* entries are named too.
//
// `node scripts/run-tests.mjs <substring>...` runs only the files whose path contains one of them;
// `--typecheck` (npm test) also runs the type check.
// LMI_BENCH_TEST_TIMES=<file> writes every file's lane and time there, one JSON line each.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { laneOf, longFirst } from './test-lanes.mjs';
import { newTempEntries, ProcessWatch, tempEntries } from './run-leftovers.mjs';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'test');
/** `--typecheck`: also run tsc (npm test does). */
const typecheck = process.argv.includes('--typecheck');
const filter = process.argv.slice(2).filter((arg) => arg !== '--typecheck');
const reporter = join(root, 'scripts', 'file-times-reporter.mjs');
/** What lets each test file import .ts: the CLI's own TypeScript hooks. */
const typescriptHooks = pathToFileURL(join(root, 'runner', 'system', 'typescript-register.mjs')).href;
/**
 * The command prefix that runs a process at idle priority (Linux's SCHED_IDLE, inherited by its
 * children), or null where it cannot (no chrt, another OS): checked once by running it.
 */
const idlePriority = spawnSync('chrt', ['--idle', '0', 'true'], { stdio: 'ignore' }).status === 0 ? ['chrt', '--idle', '0'] : null;
/** Whether the pure files and the type check run at idle priority, beside the serial lane. */
const idle = idlePriority !== null;

/** `command` as spawn takes it, run at idle priority when `atIdle`. */
function atPriority(atIdle, command) {
  const [file, ...args] = [...(atIdle ? idlePriority : []), ...command];
  return { file, args };
}
const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
/** The spec reporter's own closing lines: each lane's are replaced by one summary over all lanes. */
const laneSummaryLine = new RegExp(`^ℹ (${[...summaryKeys, 'duration_ms'].join('|')}) [\\d.]+$`);
/** In every lane's environment, so the run's processes can be found once it ends. */
const runMarker = ['LMI_BENCH_TEST_RUN', randomUUID()];
const watch = new ProcessWatch(runMarker);

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * What every process of a lane starts with. Without NODE_EXTRA_CA_CERTS: the tests reach nothing
 * but 127.0.0.1, over plain HTTP, and a Node.js process started with a CA bundle parses all of it
 * before running any code (with Debian's bundle, `node -e 0` took 78 ms of CPU against 29 ms
 * without). The suite starts thousands of Node.js processes (test files, CLIs, engines, Node.js
 * environments), so a machine whose proxy sets it spent minutes of CPU parsing certificates.
 */
function laneEnvironment(sharedDir) {
  const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, LMI_BENCH_TEST_SHARED_DIR: sharedDir, [runMarker[0]]: runMarker[1], TMPDIR: runTmp };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Runs one lane; resolves with its exit code, per-file times and summary counts. */
function runLane(files, concurrency, timesPath, sharedDir, buffered, atIdle) {
  const { file, args } = atPriority(atIdle, [
    process.execPath, '--import', typescriptHooks, '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`, `--test-reporter-destination=${timesPath}`,
    ...files,
  ]);
  const child = spawn(
    file,
    args,
    // The SDK's Node 20 support-window warning would repeat in every test file's output.
    // LMI_BENCH_TEST_SHARED_DIR: what one file measured and a later one may reuse (test/check/support.ts).
    // TMPDIR: the run's own temp folder, so what is left in it is this run's, whoever else uses /tmp.
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: laneEnvironment(sharedDir) },
  );
  // Sampled while the lane runs: a process started with a bare environment is still known as ours.
  const sampler = setInterval(() => watch.sample(child.pid), 500);
  // A buffered lane's lines come out whole when it ends, not interleaved with a live lane's.
  const held = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (laneSummaryLine.test(line)) return;
    if (buffered) held.push(line);
    else process.stdout.write(line + '\n');
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      if (held.length > 0) process.stdout.write(held.join('\n') + '\n');
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
// Each file's lane once: finding it reads the file and follows its test-local imports.
const laneByFile = new Map(files.map((file) => [file, laneOf(file, testRoot)]));
const laneFiles = (name) => longFirst(files.filter((file) => laneByFile.get(file) === name));
const waitingFiles = laneFiles('waiting');
// The lanes of a stage run together, the stages one after another; a stage's output is the
// live lane's, the others' held until they end. Beside the concurrent lane: the files that mostly
// sleep. Beside the serial lane, at idle priority: the pure files (two at a time, for both cores'
// idle time) and the type check; without idle priority those run in the first stage, the pure
// files one at a time so the concurrent lane's start-ups keep most of the CPU.
const stages = [
  [
    // 3 on 2 cores: these files spend most of their time waiting on start-ups and fixed-length levels.
    { name: 'concurrent', files: laneFiles('concurrent'), concurrency: Math.max(3, availableParallelism()), held: false, idle: false },
    // Files that mostly sleep (until a minute ends): all at once, so they hold none of the places above.
    { name: 'waiting', files: waitingFiles, concurrency: Math.max(1, waitingFiles.length), held: true, idle: false },
  ],
  [{ name: 'serial', files: laneFiles('serial'), concurrency: 1, held: false, idle: false }],
];
/** The stage the pure files and the type check run beside. */
const besideStage = idle ? 1 : 0;
stages[besideStage].unshift({ name: 'pure', files: laneFiles('pure'), concurrency: idle ? availableParallelism() : 1, held: true, idle });
const tempBefore = tempEntries(tmpdir());
const scratch = mkdtempSync(join(tmpdir(), 'lmi-bench-run-tests-'));
mkdirSync(join(scratch, 'shared'));
const runTmp = runTempDir(scratch);
const startedAt = performance.now();
const results = [];
let typechecked;
let leftovers = { failed: false, lines: [] };
try {
  const runTimed = async (lane) => {
    const laneStart = performance.now();
    const result = await runLane(lane.files, lane.concurrency, join(scratch, `${lane.name}.jsonl`), join(scratch, 'shared'), lane.held, lane.idle);
    return { ...result, lane, wallMs: performance.now() - laneStart };
  };
  for (const [index, stage] of stages.entries()) {
    // The type check (~15 CPU-s) runs where the pure files do, at their priority.
    const checking = typecheck && index === besideStage ? runTypecheck() : undefined;
    results.push(...(await Promise.all(stage.filter((lane) => lane.files.length > 0).map(runTimed))));
    typechecked ??= await checking;
  }
  leftovers = await checkLeftovers();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
console.log('\nlanes:');
const priority = (atIdle) => (atIdle ? ', at idle priority beside the serial lane' : '');
if (typechecked) console.log(`${seconds(typechecked.wallMs)}  type check${idle ? priority(idle) : ', beside the first stage'}: ${typechecked.code === 0 ? 'clean' : 'FAILED (above)'}`);
for (const { lane, wallMs } of results) console.log(`${seconds(wallMs)}  ${lane.name}: ${lane.files.length} files, ${lane.concurrency} at a time${priority(lane.idle)}`);
console.log('slowest files:');
const slowest = results.flatMap((r) => r.times).sort((a, b) => b.durationMs - a.durationMs).slice(0, 10);
for (const { file, durationMs } of slowest) console.log(`${seconds(durationMs)}  ${relative(root, file)}`);
if (process.env.LMI_BENCH_TEST_TIMES) {
  // Every file's time and lane, for whoever is making the suite faster (the table shows only 10).
  const all = results.flatMap((r) => r.times.map((t) => ({ lane: r.lane.name, file: relative(root, t.file), durationMs: Math.round(t.durationMs) })));
  writeFileSync(process.env.LMI_BENCH_TEST_TIMES, all.map((t) => JSON.stringify(t)).join('\n') + '\n');
}
for (const line of leftovers.lines) console.log(line);
for (const key of summaryKeys) console.log(`ℹ ${key} ${results.reduce((total, r) => total + (r.summary[key] ?? 0), 0)}`);
console.log(`ℹ duration_ms ${(performance.now() - startedAt).toFixed(3)}`);
process.exit(results.some((r) => r.code !== 0) || leftovers.failed || (typechecked !== undefined && typechecked.code !== 0) ? 1 : 0);

/** `tsc --noEmit` over the project; its output is printed at once when it fails. */
function runTypecheck() {
  const startedMs = performance.now();
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const { file, args } = atPriority(idle, [process.execPath, tsc, '--noEmit', '-p', root]);
  const child = spawn(file, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      if (code !== 0) process.stdout.write(`run-tests: FAIL: the type check (tsc --noEmit) failed:\n${Buffer.concat(output).toString()}\n`);
      resolve({ code: code ?? 1, wallMs: performance.now() - startedMs });
    });
  });
}

/**
 * The temp folder the lanes see as TMPDIR. tsx's compile cache in it links to the usual one, so
 * a TypeScript handler the engine runs through tsx is not compiled again for every run.
 */
function runTempDir(scratchDir) {
  const dir = join(scratchDir, 'tmp');
  mkdirSync(dir);
  if (process.getuid) {
    const cache = `tsx-${process.getuid()}`;
    mkdirSync(join(tmpdir(), cache), { recursive: true });
    symlinkSync(join(tmpdir(), cache), join(dir, cache));
  }
  return dir;
}

/** What the run left behind (failed: whether it must fail the run); ends the processes it left alive. */
async function checkLeftovers() {
  const ownTemp = () => [...tempEntries(runTmp)].sort();
  // An engine told to stop a moment ago may still be removing its folder or ending its children.
  let alive = watch.survivors();
  let leftTemp = ownTemp();
  for (let waitedMs = 0; (alive.length > 0 || leftTemp.length > 0) && waitedMs < 5000; waitedMs += 250) {
    await sleep(250);
    alive = watch.survivors();
    leftTemp = ownTemp();
  }
  const lines = [];
  for (const name of leftTemp) lines.push(`run-tests: FAIL: left behind in the run's temp folder (TMPDIR): ${name}`);
  for (const { pid, cmdline } of alive) {
    lines.push(`run-tests: FAIL: still running after the tests: pid ${pid}: ${cmdline}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It ended between the check and the kill.
    }
  }
  // Whatever ignored TMPDIR (a hard-coded /tmp, a child given a bare environment) lands in the
  // real temp folder, which other programs on the machine share: named, not failed on.
  for (const name of newTempEntries(tempBefore, tempEntries(tmpdir()))) {
    if (!join(tmpdir(), name).startsWith(scratch)) lines.push(`run-tests: new in ${tmpdir()} during the run (this run's, or another program's): ${name}`);
  }
  return { failed: alive.length > 0 || leftTemp.length > 0, lines };
}
