// Ctrl-C in the middle of a real bench: exit 130, run.json interrupted with the finished
// levels, and nothing of the run left in the process table (engine, workers, python).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench, markerName } from './bench-process.ts';
import { descendantsOf, processTable, stillRunning, withEnvMarker } from './process-tree.ts';
import { testTempDir } from '../temp-dir.ts';

test('SIGINT during the second level: exit 130, the first level saved, no process left', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-int-');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/fixed-delay', '--runtime', 'python',
    '--modes', 'lambda,lmi', '--concurrency', '1,2', '--duration', '2', '--warmup', '0', '--trials', '1',
    '--lmi-max-concurrency', '4', '--offline', '--out', out, '--run-id', 'int',
  ]);
  await bench.waitForStderr(/level 1\/4 lambda .*c=1 .*p50 /, 60_000);
  await sleep(800); // into level 2's load, 1.2 s before it ends
  const pid = bench.child.pid;
  assert.ok(pid);
  const tree = descendantsOf(pid);
  assert.ok(tree.some((p) => p.cmdline.includes('lmi-bench.mjs engine')), `engine among ${JSON.stringify(tree.map((p) => p.cmdline))}`);
  const sentAt = Date.now();
  bench.child.kill('SIGINT');
  const { code } = await bench.exited;
  const tookMs = Date.now() - sentAt;
  assert.equal(code, 130, bench.stderr());
  assert.ok(tookMs < 15_000, `took ${tookMs} ms to stop`);

  const run = readRunFile(join(out, 'int'));
  assert.equal(run.status, 'interrupted');
  assert.equal(run.levels.length, 1);
  assert.equal(run.levels[0]?.state, 'measured');
  assert.equal(run.levels[0]?.concurrency, 1);

  assert.deepEqual(stillRunning(tree), [], 'every process the bench started has ended');
  assert.deepEqual(withEnvMarker(markerName, bench.marker), [], 'no process carries the run marker');
  const orphans = processTable().filter((p) => p.cmdline.includes('lmi-bench.mjs engine') && tree.some((t) => t.pid === p.pid));
  assert.deepEqual(orphans, []);
});
