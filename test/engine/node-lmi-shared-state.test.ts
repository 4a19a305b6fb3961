// test-lane: concurrent: asserts the module state seen by overlapping invocations of 300-400 ms, not how fast they run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, sendMany, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

interface Probe {
  threadId: number;
  number: number;
  maxActive: number;
}

test('Node LMI: concurrent invocations of one environment share its event loop and module state', async () => {
  const fn = await engine.client.deploy(lmiSpec('node-lmi', { minEnvironments: 1, maxConcurrency: 8 }));
  const probes = (await sendMany(fn.url, 8, { delayMs: 400 })).map((r) => r.json<Probe>());
  assert.equal(new Set(probes.map((p) => p.threadId)).size, 1, 'one worker thread');
  assert.deepEqual(probes.map((p) => p.number).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8], 'one module counter, shared');
  assert.ok(Math.max(...probes.map((p) => p.maxActive)) > 1, 'invocations overlapped inside the module');
});

test('Node standard Lambda: each environment has its own module state', async () => {
  const fn = await engine.client.deploy(standardSpec('node-std'));
  const probes = (await sendMany(fn.url, 3, { delayMs: 300 })).map((r) => r.json<Probe>());
  // Three environments, each its own node process running the handler on its main thread.
  assert.equal((await engine.client.state('node-std')).environments.length, 3);
  assert.deepEqual(probes.map((p) => p.number), [1, 1, 1]);
  assert.deepEqual(probes.map((p) => p.maxActive), [1, 1, 1]);
});
