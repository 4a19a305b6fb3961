// test-lane: concurrent: asserts statuses and that init durations were recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { ioBoundDir, sendMany, send, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('standard Lambda: 8 concurrent io-bound requests start 8 environments, each a timed cold start; the next request reuses one', async () => {
  const fn = await engine.client.deploy(standardSpec('io-standard', {}, { workloadDir: ioBoundDir }));
  assert.equal(fn.environments, 0, 'standard Lambda starts nothing before the first request');

  const startMs = Date.now();
  const replies = await sendMany(fn.url, 8, { delaysMs: [150, 200, 100] });
  const burstEndMs = Date.now() + 1;
  assert.deepEqual(replies.map((r) => r.status), Array(8).fill(200));

  const burst = await engine.client.stats('io-standard', startMs, burstEndMs);
  assert.equal(burst.invocations, 8);
  assert.equal(burst.environmentsUsed, 8);
  assert.equal(burst.coldStarts, 8);
  assert.equal(burst.initDurationsMs.length, 8);
  for (const initMs of burst.initDurationsMs) assert.ok(initMs > 0, `init duration ${initMs} must be > 0`);

  const againStartMs = Date.now();
  const again = await send(fn.url, { delaysMs: [10] });
  assert.equal(again.status, 200);
  const warm = await engine.client.stats('io-standard', againStartMs, Date.now() + 1);
  assert.equal(warm.invocations, 1);
  assert.equal(warm.coldStarts, 0, 'an idle environment is reused');
  const state = await engine.client.state('io-standard');
  assert.equal(state.environments.length, 8);
});
