// Sorts the test files into three lanes.
// - pure: no process, no socket, no timer, no clock. Such a test cannot be disturbed, nor, at idle
//   priority, disturb another: pure files run beside the serial lane at idle priority
//   (run-tests.mjs), or beside the concurrent lane where idle priority cannot be had.
// - concurrent: starts processes or an engine, but what it asserts does not depend on time, rate,
//   CPU or latency (exit codes, files written, findings, templates, counts): a few run at a time,
//   since they mostly wait on process start-up and fixed-length levels. A file gets this lane only
//   by saying so, after someone read what it asserts.
// - serial: everything else, alone, because the engine, load and timing tests measure a 2-core
//   machine and give honest figures only when nothing else competes.
//
// A file is pure unless it, or a test-local module it imports (followed through test/), shows a
// sign of processes, sockets, threads or time below; an impure file is serial unless it says
// otherwise. Unknown means serial: a new test lands in the safe lane by itself. A file says which
// lane it wants with a comment in its first 10 lines, `// test-lane: <lane>: <why>`, where <lane>
// is pure, concurrent or serial; the comment wins over the scan. `// test-lane: concurrent, long:`
// marks a file that takes much longer than most: a lane starts those first, so they overlap the
// short ones instead of running alone at the lane's end. `// test-lane: concurrent, waits:` marks a
// file that spends most of its wall time asleep (e.g. until a CloudWatch minute ends) and little
// of it on the CPU: such files run in a lane of their own beside the concurrent one, all at once,
// so their sleep does not hold one of the concurrent lane's few places.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Source text that means the file starts processes, opens sockets or threads, or reads time. */
const impureSigns = [
  /['"]node:(child_process|http|https|http2|net|dgram|worker_threads|cluster|inspector)['"]/,
  /['"](child_process|http|https|net|worker_threads)['"]/,
  /playwright/,
  /\bfetch\(/,
  /\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b|\bsleep\b/,
  /\bDate\.now\(|\bperformance\.now\(|\bprocess\.hrtime\b/,
  /bin\/lmi-bench/,
  /\bprocess\.kill\b|\bspawn\b|\bexecFile\b/,
];

/**
 * Modules of runner/ and infra/ that start an engine, a worker thread, a load, a bench, the CLI
 * or a CDK synth. Their pure neighbours (models, codecs, parsers) are left out by name.
 */
const impureImports = [
  /\/runner\/target\/local\//,
  /\/runner\/engine\/(?!(protocol|spec|payload|window-stats|metrics-store|handler-log|line-reader|runtime-exit)\.ts$|cloudwatch\/(statistics|periods|paging|request|errors|lambda-metrics|gauges)\.ts$)/,
  /\/runner\/load\/(?!latency-histogram\.ts$)/,
  /\/runner\/(bench|bench-engine|cli)\//,
  /\/runner\/sweep\/(sweep|measure-level|parallel-sweep|abortable)\.ts$/,
  /\/runner\/safety\/(run-safety|send)\.ts$/,
  /\/runner\/workload\/(build|run)/,
  /\/infra\//,
  /aws-cdk/,
];

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const laneComment = /^\/\/\s*test-lane:\s*(pure|concurrent|serial)\b(?:,\s*(long|waits)\b)?/m;

function declared(file) {
  const match = laneComment.exec(readFileSync(file, 'utf8').split('\n').slice(0, 10).join('\n'));
  return match ? { lane: match[1], long: match[2] === 'long', waits: match[2] === 'waits' } : undefined;
}

/** Whether `file` or any test-local module it reaches shows an impure sign. */
function impure(file, testRoot, seen = new Set()) {
  if (seen.has(file)) return false;
  seen.add(file);
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  if (impureSigns.some((sign) => sign.test(source))) return true;
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (!specifier.startsWith('.')) {
      if (impureImports.some((sign) => sign.test(specifier))) return true;
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (impureImports.some((sign) => sign.test(target))) return true;
    // Only modules under test/ are followed: the runner's own modules are what the tests test.
    if (target.startsWith(testRoot) && existsSync(target) && impure(target, testRoot, seen)) return true;
  }
  return false;
}

/** 'pure', 'concurrent', 'waiting' or 'serial' for one test file (absolute path). */
export function laneOf(file, testRoot) {
  const said = declared(file);
  if (said?.waits === true && said.lane === 'concurrent') return 'waiting';
  return said?.lane ?? (impure(file, testRoot) ? 'serial' : 'pure');
}

/** `files` with those marked long first, each group in its given order. */
export function longFirst(files) {
  const long = files.filter((file) => declared(file)?.long === true);
  return [...long, ...files.filter((file) => !long.includes(file))];
}
