// test-lane: concurrent: asserts which folders are removed and which are left, not time.
// The engine keeps everything it writes on the temp disk under one root it owns, removes it
// when it stops, and the next engine removes the root of one that was killed (kill -9).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineTempPrefix } from '../../runner/engine/temp-folders.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { isAlive } from './fault-level.ts';
import { lmiSpec, send, standardSpec, waitFor } from './support.ts';

function engineFolders(pid: number): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`${engineTempPrefix}${pid}-`));
}

/**
 * The orderly-stop test's engine and the one the second test kills, started together: their
 * start-ups overlap. (The engine that must find the killed one's root starts after the kill.)
 */
let orderly: EngineHandle;
let killed: EngineHandle;
before(async () => {
  [orderly, killed] = await Promise.all([startEngine(), startEngine()]);
});
after(() => Promise.all([orderly.stop(), killed.stop()]));

test('an orderly stop removes the engine temp root (environment /tmp folders and logs)', async () => {
  const engine = orderly;
  const fn = await engine.client.deploy(lmiSpec('py', { minEnvironments: 1, maxConcurrency: 2 }, { runtime: 'python' }));
  assert.equal((await send(fn.url, { delayMs: 1 })).status, 200);
  const [root] = engineFolders(engine.pid);
  assert.ok(root, 'the engine made its temp root');
  assert.ok(existsSync(join(tmpdir(), root, 'owner.json')), 'the root names its owner');
  assert.ok(readdirSync(join(tmpdir(), root, 'logs')).length > 0, 'environment logs live in the root');
  await engine.stop();
  assert.deepEqual(engineFolders(engine.pid), []);
});

test('a killed engine leaves its root; the next engine removes it at start and leaves live or foreign folders alone', async () => {
  await killed.client.deploy(standardSpec('node-std'));
  const [root] = engineFolders(killed.pid);
  assert.ok(root);
  process.kill(killed.pid, 'SIGKILL');
  assert.ok(await waitFor(async () => !isAlive(killed.pid), 3000));
  assert.deepEqual(engineFolders(killed.pid), [root], 'kill -9 left the root behind');

  // A root whose owner is this (live) test process, and a folder with the prefix but no marker.
  const live = mkdtempSync(join(tmpdir(), `${engineTempPrefix}${process.pid}-`));
  writeFileSync(join(live, 'owner.json'), JSON.stringify({ pid: process.pid, startTicks: null }));
  const unmarked = mkdtempSync(join(tmpdir(), `${engineTempPrefix}unmarked-`));

  const next = await startEngine();
  try {
    assert.equal(existsSync(join(tmpdir(), root)), false, "the dead engine's root was removed at start");
    assert.equal(existsSync(live), true, "a live engine's root is kept");
    assert.equal(existsSync(unmarked), true, 'a folder without an owner marker is not touched');
  } finally {
    await next.stop();
    for (const folder of [live, unmarked]) rmSync(folder, { recursive: true, force: true });
  }
});
