// test-lane: concurrent: asserts reaping after a 300 ms idle timeout, waiting up to 5 s for it, and a cold start after it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, sendMany, standardSpec, waitFor } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('standard Lambda: idle environments are reaped after the idle timeout, and the next request is a cold start again', async () => {
  const fn = await engine.client.deploy(standardSpec('reaped', { idleTimeoutMs: 300 }));
  await sendMany(fn.url, 2, { delayMs: 10 });
  assert.equal((await engine.client.state('reaped')).environments.length, 2);
  const reaped = await waitFor(async () => (await engine.client.state('reaped')).environments.length === 0, 5000);
  assert.ok(reaped, 'both idle environments are gone after the idle timeout');
  const startMs = Date.now();
  assert.equal((await send(fn.url, { delayMs: 1 })).status, 200);
  const stats = await engine.client.stats('reaped', startMs, Date.now() + 1);
  assert.equal(stats.coldStarts, 1);
});
