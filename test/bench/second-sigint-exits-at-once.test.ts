// A second Ctrl-C does not wait for the orderly stop: the bench exits 130 at once, the
// run.json saved after the last finished level is whole, and the engine (which exits when
// its parent's pipe closes) and its runtimes are gone shortly after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench, markerName } from './bench-process.ts';
import { withEnvMarker } from './process-tree.ts';
import { testTempDir } from '../temp-dir.ts';

test('two SIGINTs: exit 130 without waiting, run.json whole, no process left', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-int2-');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/fixed-delay', '--modes', 'lambda', '--concurrency', '1,2',
    '--duration', '2', '--warmup', '0', '--trials', '1', '--offline', '--out', out, '--run-id', 'int2',
  ]);
  await bench.waitForStderr(/level 1\/2 lambda .*c=1 .*p50 /, 60_000);
  await sleep(500); // into level 2's load, 1.5 s before it ends
  bench.child.kill('SIGINT');
  // Well before the orderly stop (load stop, engine shutdown) can finish.
  await sleep(20);
  bench.child.kill('SIGINT');
  const sentAt = Date.now();
  const { code } = await bench.exited;
  assert.equal(code, 130, bench.stderr());
  assert.ok(Date.now() - sentAt < 3_000, 'exited without waiting for the orderly stop');
  assert.match(bench.stderr(), /stopping[^]*lmi-bench: interrupted\n/, 'the second signal took the immediate exit');

  const run = readRunFile(join(out, 'int2'));
  assert.equal(run.status, 'interrupted');
  assert.equal(run.levels.length, 1);
  assert.deepEqual(readdirSync(join(out, 'int2')).filter((name) => name.endsWith('.tmp')), [], 'no temp file left');

  let left = withEnvMarker(markerName, bench.marker);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await sleep(200);
    left = withEnvMarker(markerName, bench.marker);
  }
  assert.deepEqual(left, [], 'the engine and its runtimes ended');
});
