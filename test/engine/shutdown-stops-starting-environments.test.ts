// An engine asked to stop while a deploy's environments are still initialising must stop them
// too: no runtime process and no temp folder may outlive it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { engineTempPrefix } from '../../runner/engine/temp-folders.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { faultDir, isAlive } from './fault-level.ts';
import { lmiSpec, sleep, waitFor } from './support.ts';

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

function engineFolders(pid: number): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`${engineTempPrefix}${pid}-`));
}

/** One engine per test, started together: their start-ups overlap. */
let engines: EngineHandle[] = [];
before(async () => {
  engines = await Promise.all([startEngine(), startEngine()]);
});
after(() => Promise.all(engines.map((engine) => engine.stop())));

test('stopping the engine during a Python LMI deploy ends the starting environments and leaves no temp folder', async () => {
  const engine = engines[0] as EngineHandle;
  const deploying = engine.client.deploy(lmiSpec('slow', { minEnvironments: 3, maxConcurrency: 2 }, { runtime: 'python', workloadDir: faultDir('slow-init') }));
  deploying.catch(() => undefined);
  assert.ok(await waitFor(async () => childrenOf(engine.pid).length >= 6, 3000), 'the 3 environments x 2 slot processes are starting');
  const starting = childrenOf(engine.pid);
  assert.equal(engineFolders(engine.pid).length, 1, 'the engine has its temp root while environments start');
  await engine.stop();
  assert.equal(isAlive(engine.pid), false, 'the engine exited');
  assert.ok(await waitFor(async () => starting.every((pid) => !isAlive(pid)), 3000), 'no starting runtime process outlived the engine');
  await assert.rejects(deploying, 'the interrupted deploy did not succeed');
  assert.deepEqual(engineFolders(engine.pid), [], 'the engine removed its temp folders');
});

test('stopping the engine during a Node LMI deploy ends its starting worker threads and leaves no temp folder', async () => {
  const engine = engines[1] as EngineHandle;
  const deploying = engine.client.deploy(lmiSpec('slow-node', { minEnvironments: 3 }, { workloadDir: faultDir('slow-init') }));
  deploying.catch(() => undefined);
  await sleep(1000);
  const startedAt = Date.now();
  await engine.stop();
  // The module's 4 s init never had to finish: the engine stopped without waiting for it.
  assert.ok(Date.now() - startedAt < 3000, `the engine stopped in ${Date.now() - startedAt} ms`);
  assert.equal(isAlive(engine.pid), false);
  await assert.rejects(deploying);
  assert.deepEqual(engineFolders(engine.pid), []);
});
