// test-lane: concurrent: asserts the order of events, not their timing (waits are 8x the timer).
// A standard Lambda environment runs one invocation at a time and AWS freezes it between
// invocations: work the handler left behind (a timer) does not run while the environment waits
// for its next invocation, and runs once one has arrived. An LMI environment is never frozen.
// A handler whose promise never settles, with nothing else pending, still times out as the
// function's timeout says: its environment does not exit for want of work.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { fixturesDir, lmiSpec, send, sleep, standardSpec } from './support.ts';

const frozenDir = fixturesDir + 'frozen';
const timerMs = 50;

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

async function fired(url: string, body: unknown = {}): Promise<number> {
  const reply = await send(url, body);
  assert.equal(reply.status, 200, reply.body);
  return reply.json<{ fired: number }>().fired;
}

test('a timer a standard handler leaves behind waits for the next invocation; on LMI it runs between them', async () => {
  const standard = await engine.client.deploy(standardSpec('frozen-standard', {}, { workloadDir: frozenDir }));
  assert.equal(await fired(standard.url, { arm: timerMs }), 0);
  await sleep(8 * timerMs);
  assert.equal(await fired(standard.url), 0, 'the environment was frozen: the timer did not fire between invocations');
  await sleep(8 * timerMs);
  assert.equal(await fired(standard.url), 1, 'it fired once the environment ran again');
  assert.equal((await engine.client.state('frozen-standard')).environments.length, 1, 'one environment served all three');

  const lmi = await engine.client.deploy(lmiSpec('frozen-lmi', { minEnvironments: 1, maxConcurrency: 4 }, { workloadDir: frozenDir }));
  assert.equal(await fired(lmi.url, { arm: timerMs }), 0);
  await sleep(8 * timerMs);
  assert.equal(await fired(lmi.url), 1, 'an LMI environment is never frozen');
});

test('a standard handler that never settles, with nothing pending, times out and its environment is recycled', async () => {
  const fn = await engine.client.deploy(standardSpec('hangs', {}, { workloadDir: frozenDir, timeoutMs: 500 }));
  const reply = await send(fn.url, { hang: true });
  assert.equal(reply.status, 502);
  assert.equal(reply.json<{ errorType: string }>().errorType, 'TimeoutError', reply.body);
  assert.equal(await fired(fn.url), 0, 'the function still serves');
});
