// test-lane: concurrent: asserts the error types of a 200 ms timeout against 1.5 s invocations, and the counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, send, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('a timed-out invocation gets 502; standard Lambda recycles the environment, LMI keeps it', async () => {
  const standard = await engine.client.deploy(standardSpec('slow-standard', {}, { timeoutMs: 200 }));
  const late = await send(standard.url, { delayMs: 1500 });
  assert.equal(late.status, 502);
  assert.equal(late.json<{ errorType: string }>().errorType, 'TimeoutError');
  assert.equal((await engine.client.state('slow-standard')).environments.length, 0, 'the timed-out environment was recycled');
  assert.equal((await send(standard.url, { delayMs: 10 })).status, 200, 'the function still serves');

  const lmi = await engine.client.deploy(lmiSpec('slow-lmi', { minEnvironments: 1, maxConcurrency: 4 }, { timeoutMs: 200 }));
  const before = (await engine.client.state('slow-lmi')).environments.map((e) => e.id);
  const lateLmi = await send(lmi.url, { delayMs: 1500 });
  assert.equal(lateLmi.status, 502);
  assert.equal(lateLmi.json<{ errorType: string }>().errorType, 'TimeoutError');
  const during = await engine.client.state('slow-lmi');
  assert.deepEqual(during.environments.map((e) => e.id), before, 'LMI does not kill the environment');
  assert.equal(during.environments[0]?.inFlight, 1, 'the timed-out invocation still runs in its slot');
  assert.equal((await send(lmi.url, { delayMs: 10 })).status, 200);

  const stats = await engine.client.stats('slow-lmi', 0, Date.now() + 1);
  assert.equal(stats.timeouts, 1);
  assert.equal(stats.ok, 1);
});

test('a handler that throws gets 502 with its error, and the environment keeps serving', async () => {
  const fn = await engine.client.deploy(standardSpec('throws'));
  const failed = await send(fn.url, { fail: 'on purpose' });
  assert.equal(failed.status, 502);
  assert.match(failed.json<{ errorMessage: string }>().errorMessage, /asked to fail: on purpose/);
  assert.equal((await send(fn.url, { delayMs: 1 })).status, 200);
  const stats = await engine.client.stats('throws', 0, Date.now() + 1);
  assert.equal(stats.errors, 1);
  assert.equal(stats.coldStarts, 1, 'the environment survived the handler error');
});
