// run.json is saved when the run starts and after every level, so a bench killed outright
// (kill -9: no handler runs) leaves a whole run.json with status `running` and the levels it
// finished, and `report` renders it with a banner saying the run had not finished.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench, markerName } from './bench-process.ts';
import { withEnvMarker } from './process-tree.ts';
import { testTempDir } from '../temp-dir.ts';

const bin = new URL('../../bin/lmi-bench.mjs', import.meta.url).pathname;

test('kill -9 after the first level: run.json is running with that level, and report renders it', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-kill-');
  const dir = join(out, 'killed');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/fixed-delay', '--modes', 'lambda', '--concurrency', '1,2',
    '--duration', '2', '--warmup', '0', '--trials', '1', '--offline', '--out', out, '--run-id', 'killed',
  ]);
  try {
    // Before any load, the run already has its run.json.
    await bench.waitForStderr(/lmi-bench: run killed:/, 60_000);
    const started = readRunFile(dir);
    assert.equal(started.status, 'running');
    assert.deepEqual(started.levels, []);

    await bench.waitForStderr(/level 1\/2 lambda .*c=1 .*p50 /, 90_000);
    // The save after a level is in the background: wait for it, well before level 2 ends.
    let saved = readRunFile(dir);
    for (let i = 0; i < 50 && saved.levels.length === 0; i++) {
      await sleep(100);
      saved = readRunFile(dir);
    }
    assert.equal(saved.levels.length, 1, 'the first level was saved while the second ran');
  } finally {
    bench.child.kill('SIGKILL');
  }
  const { signal } = await bench.exited;
  assert.equal(signal, 'SIGKILL');

  const run = readRunFile(dir);
  assert.equal(run.status, 'running');
  assert.equal(run.levels.length, 1);
  assert.equal(run.levels[0]?.state, 'measured');
  assert.equal(run.levels[0]?.concurrency, 1);
  assert.match(run.reason ?? '', /saved after 1 of 2 levels/);
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no torn write left');

  const report = spawnSync(process.execPath, [bin, 'report', dir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(report.status, 0, report.stderr);
  assert.ok(existsSync(join(dir, 'report.html')));
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /id="status-notice">This run had not finished when its run\.json was last saved/);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  assert.match(summary, /> \*\*Run running\.\*\* This run had not finished/);
  assert.match(summary, /1 of 1 levels measured/);

  // The engine exits when its parent's pipe closes; nothing of the run stays behind.
  let left = withEnvMarker(markerName, bench.marker);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await sleep(200);
    left = withEnvMarker(markerName, bench.marker);
  }
  assert.deepEqual(left, [], 'the engine and its runtimes ended');
});
