// Two benches of the same workload and runtime started in the same second plan the same
// default run id; the run folder is claimed exclusively when the run starts, so the second
// gets a suffix and both runs end whole, each in its own folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench } from './bench-process.ts';
import { testTempDir } from '../temp-dir.ts';

const args = ['--workload', 'test/fixtures/workloads/fixed-delay', '--modes', 'lambda', '--concurrency', '1', '--duration', '1', '--warmup', '0', '--trials', '1', '--offline'];
/** `20260314-101502` of `20260314-101502-fixed-delay-node`: the second the id was planned in. */
const stampOf = (runId: string): string => runId.slice(0, 15);

test('two benches started at once: two complete, distinct run folders', { timeout: 300_000 }, async () => {
  // Both must plan in the same second for their ids to clash; on a loaded machine one may
  // start late, so a pair that straddled a second is run again (at most three pairs).
  let clashed = false;
  for (let attempt = 1; attempt <= 3 && !clashed; attempt++) {
    const out = testTempDir('lmi-bench-twin-');
    // Start just after a second begins: both then have most of a second to plan.
    await sleep(1000 - (Date.now() % 1000) + 20);
    const benches = [startBench([...args, '--out', out]), startBench([...args, '--out', out])];
    const exits = await Promise.all(benches.map((bench) => bench.exited));
    benches.forEach((bench, i) => assert.equal(exits[i]?.code, 0, bench.stderr()));

    const printed = benches.map((bench) => /^results: (\S+)/m.exec(bench.stdout())?.[1] ?? '');
    assert.ok(printed.every((path) => path !== ''), benches.map((b) => b.stdout()).join('\n'));
    assert.notEqual(printed[0], printed[1], 'each bench printed its own folder');
    const folders = readdirSync(out).sort();
    assert.equal(folders.length, 2, `two run folders in ${out}: ${folders.join(', ')}`);
    assert.deepEqual(printed.map((path) => basename(path)).sort(), folders);

    for (const folder of folders) {
      const run = readRunFile(join(out, folder));
      assert.equal(run.runId, folder, 'run.json names the folder it is in');
      assert.equal(run.status, 'complete');
      assert.deepEqual(run.levels.map((level) => level.state), ['measured']);
      assert.ok(existsSync(join(out, folder, 'report.html')), `${folder} has its report`);
      assert.ok(existsSync(join(out, folder, 'summary.md')), `${folder} has its summary`);
    }
    const [first, second] = folders as [string, string];
    if (stampOf(first) === stampOf(second)) {
      clashed = true;
      // Same second, same workload and runtime: one took the plain id, the other the suffix.
      assert.equal(second, `${first}-2`);
    }
  }
  assert.ok(clashed, 'in three attempts, the two benches never planned in the same second');
});
