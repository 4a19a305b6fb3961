// test-lane: concurrent: asserts that request L+1 is refused while L others wait 600 ms each, and the counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { sendMany, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('standard Lambda: with concurrency limit L, request L+1 at once gets 429 naming the limit', async () => {
  const limit = 3;
  const fn = await engine.client.deploy(standardSpec('limited', { concurrencyLimit: limit }));
  const startMs = Date.now();
  const replies = await sendMany(fn.url, limit + 1, { delayMs: 600 });
  const statuses = replies.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  const throttled = replies.find((r) => r.status === 429);
  assert.ok(throttled);
  const body = throttled.json<{ message: string; reason: string; limit: number }>();
  assert.equal(body.limit, limit);
  assert.equal(body.reason, 'ConcurrencyThrottles');
  assert.match(body.message, /concurrency limit of 3/);
  const stats = await engine.client.stats('limited', startMs, Date.now() + 1);
  assert.equal(stats.throttled, 1);
  assert.equal(stats.ok, 3);
});
