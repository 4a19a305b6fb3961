import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, sendMany, waitFor } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('LMI: beyond the slots requests get 429 until the asynchronous scaler adds environments; after load, scale-in stops at the minimum', async () => {
  const fn = await engine.client.deploy(
    lmiSpec('scaling', { maxConcurrency: 2, minEnvironments: 3, scalerIntervalMs: 200, scaleInDelayMs: 400 }),
  );
  const first = await sendMany(fn.url, 12, { delayMs: 400 });
  const throttled = first.filter((r) => r.status === 429);
  // 3 environments × 2 slots take 6; a scale-out finishing mid-burst on a slow machine may take more.
  assert.ok(first.filter((r) => r.status === 200).length >= 6, 'every slot is used');
  assert.ok(throttled.length >= 1, 'requests beyond the slots are throttled, not queued');
  assert.equal(first.filter((r) => r.status !== 200 && r.status !== 429).length, 0);
  const body = throttled[0]?.json<{ reason: string; limit: number; message: string }>();
  assert.equal(body?.reason, 'SlotsExhausted');
  assert.equal(body?.limit, 2);

  let scaledOut = false;
  for (let wave = 0; wave < 20 && !scaledOut; wave++) {
    const replies = await sendMany(fn.url, 12, { delayMs: 400 });
    scaledOut = replies.every((r) => r.status === 200);
  }
  assert.ok(scaledOut, 'after scale-out, 12 concurrent requests fit');
  const grown = await engine.client.state('scaling');
  assert.ok(grown.environments.length >= 6, `at least 6 environments (have ${grown.environments.length})`);
  assert.ok(Math.max(...grown.timeline.map((p) => p.environments)) >= 6);

  const shrunk = await waitFor(async () => (await engine.client.state('scaling')).environments.length === 3, 8000, 50);
  assert.ok(shrunk, 'idle environments are scaled in');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const settled = await engine.client.state('scaling');
  assert.equal(settled.environments.length, 3, 'never below the minimum');
  assert.equal(settled.timeline.at(-1)?.instances, 3);
});
