// test-lane: concurrent: asserts every level measured, the files and the table; its one bound on latency (p50 under 150 ms for a 50 ms handler) catches unit mistakes, with room for the tens of ms a busy machine adds.
// A short complete bench run through the real CLI and the real engine: exit 0, a valid
// run.json with every level of both modes measured, the table on stdout, no engine left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRunFile } from '../../runner/run/read-run.ts';
import { decodeHistogram } from '../../runner/load/latency-histogram.ts';
import { startBench, markerName } from './bench-process.ts';
import { withEnvMarker } from './process-tree.ts';
import { testTempDir } from '../temp-dir.ts';

test('bench --concurrency 1,4 --duration 1 --warmup 0.5 --trials 2 measures every level', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-run-');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/fixed-delay',
    '--concurrency', '1,4', '--duration', '1', '--warmup', '0.5', '--trials', '2',
    '--lmi-max-concurrency', '8', '--offline', '--out', out, '--run-id', 'short',
  ]);
  const { code } = await bench.exited;
  assert.equal(code, 0, bench.stderr());
  const runDir = join(out, 'short');
  const run = readRunFile(runDir);
  assert.equal(run.status, 'complete');
  assert.equal(run.levels.length, 4);
  assert.deepEqual(run.levels.map((l) => `${l.mode}@${l.concurrency}`), ['lambda@1', 'lambda@4', 'lmi@1', 'lmi@4']);
  for (const level of run.levels) {
    assert.equal(level.state, 'measured', JSON.stringify(level));
    if (level.state !== 'measured') continue;
    assert.equal(level.trials.length, 2);
    assert.ok(level.requests.ok > 0);
    assert.equal(decodeHistogram(level.histogram).totalCount, level.requests.ok);
    // The handler waits 50 ms: nothing is faster; the upper bound only catches unit mistakes
    // (seconds, whole-second buckets), since a busy shared machine adds tens of ms.
    assert.ok(level.latencyMs.p50 >= 49 && level.latencyMs.p50 < 150, `p50 ${level.latencyMs.p50}`);
    assert.ok(level.environments >= 1);
    assert.ok(level.cloudwatch === null || level.cloudwatch.invocations > 0);
  }
  assert.ok(run.machine.cpus >= 1);
  assert.equal(run.workload.name, 'fixed-delay');
  assert.match(bench.stdout(), /mode\s+settings\s+conc\s+rps/);
  assert.match(bench.stdout(), new RegExp(`results: ${runDir}`));
  assert.match(bench.stderr(), /level 4\/4 lmi/);
  assert.ok(existsSync(join(runDir, 'run.json')));
  assert.deepEqual(withEnvMarker(markerName, bench.marker), [], 'no process of the run is left');
});
