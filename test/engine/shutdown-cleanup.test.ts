// test-lane: concurrent: asserts that no runtime process is left, not time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, standardSpec, waitFor } from './support.ts';

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One engine per test, started together: their start-ups overlap. */
let engines: EngineHandle[] = [];
before(async () => {
  engines = await Promise.all([startEngine(), startEngine()]);
});
after(() => Promise.all(engines.map((engine) => engine.stop())));

test('stop() ends the engine and every runtime process it started', async () => {
  const engine = engines[0] as EngineHandle;
  await engine.client.deploy(lmiSpec('py-lmi', { minEnvironments: 1, maxConcurrency: 2 }, { runtime: 'python' }));
  await engine.client.deploy(standardSpec('node-std'));
  const children = childrenOf(engine.pid);
  assert.equal(children.length, 2, 'two python slot processes');
  await engine.stop();
  assert.equal(alive(engine.pid), false);
  assert.ok(await waitFor(async () => children.every((pid) => !alive(pid)), 3000), 'no python process left behind');
});

test('SIGTERM stops the engine and its runtime processes', async () => {
  const engine = engines[1] as EngineHandle;
  await engine.client.deploy(lmiSpec('py-lmi', { minEnvironments: 1, maxConcurrency: 2 }, { runtime: 'python' }));
  const children = childrenOf(engine.pid);
  process.kill(engine.pid, 'SIGTERM');
  assert.ok(await waitFor(async () => !alive(engine.pid), 5000), 'the engine exited');
  assert.ok(await waitFor(async () => children.every((pid) => !alive(pid)), 3000), 'no python process left behind');
  await engine.stop();
});
