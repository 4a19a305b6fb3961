// test-lane: concurrent: asserts the failed level, the worker it names and the next level's requests; its one time bound (30 s) is for a hang, far from its 2 s levels.
// A load worker killed mid-trial (its runtime thread exits, as a
// crashed Lambda sandbox does) fails that level with the worker named, and the next level
// still runs. The killer wraps the real bundle: the load code that runs is the shipped one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { buildLoadWorkerBundle } from '../../runner/load/worker/bundle.ts';
import { startEngine } from '../../runner/target/local/engine-process.ts';
import { lambdaVariant, testPlan } from '../fixtures/test-plan.ts';

test('a load worker killed mid-trial fails its level naming it; the next level runs', async (t) => {
  // The engine process boots while this one bundles the worker.
  const starting = startEngine();
  const dir = buildLoadWorkerBundle();
  const engine = await starting;
  try {
    // Worker 1 of the first level (concurrency 8: 4 connections each) exits 0.5 s into its trial.
    writeFileSync(
      `${dir}/killer.mjs`,
      [
        "import { handler as real } from './index.mjs';",
        'export async function handler(event) {',
        '  const task = JSON.parse(event.body);',
        '  if (task.worker === 1 && task.shape.connections === 4) setTimeout(() => process.exit(1), Math.max(0, task.startAtMs - Date.now()) + 500);',
        '  return real(event);',
        '}',
      ].join('\n'),
    );
    writeFileSync(`${dir}/workload.json`, JSON.stringify({ name: 'killer-worker', kind: 'io', memoryMb: 1024, runtimes: { node: { handler: 'killer.handler' } } }));
    const plan = testPlan({ modes: ['lambda'], concurrency: [8, 6], durationSec: 2, warmupSec: 0, trials: 1, load: { workers: 2, parallelVariants: false } });
    const target = new LocalTarget(plan, { sharedEngine: engine, loadWorkers: { bundleDir: dir } });
    const startedMs = Date.now();
    const result = await runSweep(plan, target, [lambdaVariant], { signal: new AbortController().signal });
    assert.equal(result.status, 'complete', result.reason);
    const [killed, next] = result.levels;
    assert.ok(killed && next);
    assert.equal(killed.concurrency, 8);
    assert.equal(killed.state, 'failed');
    if (killed.state === 'failed') {
      assert.match(killed.reason, /^trial 1: load worker 1 failed: /);
      t.diagnostic(killed.reason);
    }
    assert.equal(killed.load?.mode, 'workers');
    assert.ok(killed.load?.workers?.[1]?.error, 'worker 1 carries its error');
    assert.equal(killed.load?.workers?.[0]?.error, undefined, 'worker 0 finished');
    assert.equal(next.concurrency, 6);
    assert.equal(next.state, 'measured', next.state === 'failed' ? next.reason : '');
    if (next.state === 'measured') assert.deepEqual(next.load?.workers?.map((w) => w.requests.ok > 0), [true, true]);
    // The dead worker did not hold the sweep for its timeout.
    assert.ok(Date.now() - startedMs < 30_000);
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
