// test-lane: concurrent: asserts the exit, its one line and the levels kept; a kill that lands before the second level's load starts leaves the same run.json.
// The local engine is the run's platform. Killed during a level (here by kill -9, as the OOM
// killer would), the bench stops at once: the levels measured before are kept in run.json, the
// half-served level and the ones after it are not recorded as failed one by one, and the exit
// is 2 (the environment the run measured on became unusable) with one line that names the
// signal, "the local engine died (signal 9)", and not the engine's start banner.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench } from './bench-process.ts';
import { descendantsOf } from './process-tree.ts';
import { removeStaleEngineTempFolders } from '../../runner/engine/temp-folders.ts';
import { testTempDir } from '../temp-dir.ts';

// kill -9 leaves the engine's temp root behind, which the next engine to start removes; this file
// may be the last of its run to use an engine, so it removes it the same way.
after(() => removeStaleEngineTempFolders());

test('kill -9 of the engine during the second level: exit 2, one line, the first level kept, nothing after it', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-engine-death-');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/fixed-delay', '--modes', 'lambda', '--concurrency', '1,2,4',
    '--duration', '2', '--warmup', '0', '--trials', '1', '--offline', '--out', out, '--run-id', 'lost',
  ]);
  try {
    await bench.waitForStderr(/level 1\/3 lambda .*c=1 .*p50 /, 90_000);
    const engine = descendantsOf(bench.child.pid as number).find((entry) => / engine( |$)/.test(entry.cmdline));
    assert.ok(engine, 'the bench runs its engine as a child process');
    // Into the second level's load (2 s long, starting as the first level's line is printed), then the engine goes.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(engine.pid, 'SIGKILL');
  } catch (error) {
    bench.child.kill('SIGKILL');
    throw error;
  }
  const { code } = await bench.exited;
  const stderr = bench.stderr();
  assert.equal(code, 2, stderr);
  const lines = stderr.split('\n').filter((line) => line.startsWith('lmi-bench: run stopped'));
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] ?? '', /^lmi-bench: run stopped: the local engine died \(signal 9\); the 1 level measured before it is in run\.json$/);
  assert.doesNotMatch(stderr, /internal error|please report|listening|engine ready/i, 'neither an internal error nor the engine banner');
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'no stack trace');

  const run = readRunFile(join(out, 'lost'));
  assert.equal(run.status, 'failed');
  assert.match(run.reason ?? '', /the local engine died \(signal 9\)/);
  assert.deepEqual(
    run.levels.map((level) => [level.concurrency, level.state]),
    [[1, 'measured']],
    'the first level only: the second was half-served, the third never ran',
  );
});
