// CPU seconds per request feed the LMI capacity model, so they must be CPU time, not time a
// thread spent waiting for a core: eight Node environments on this 2-core machine must report
// about the CPU per request that one environment alone does (event-loop busy time would read
// about four times higher here).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { sendMany, send, sleep, standardSpec } from './support.ts';

const cpuBoundDir = fileURLToPath(new URL('../../workloads/cpu-bound', import.meta.url));
const body = { rounds: 1500 };
/** CPU samples are taken about every second: a window is read once they cover it. */
const sampleSettleMs = 1500;

/**
 * Waits until the engine has taken a CPU sample after `sinceMs` (one sample covers every
 * environment of the function up to its time), at most `sampleSettleMs`. A sample after a busy
 * moment carries its CPU, so it shows as CPU seconds after `sinceMs`; should the sample before
 * `sinceMs` have caught it all, the wait lasts its whole length, as it always did.
 */
async function sampledAfter(name: string, sinceMs: number): Promise<void> {
  const deadline = sinceMs + sampleSettleMs;
  while (Date.now() < deadline && (await engine.client.stats(name, sinceMs, Date.now())).cpuSeconds === 0) await sleep(50);
}

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

async function cpuPerRequest(name: string, run: () => Promise<void>): Promise<{ cpuSeconds: number; invocations: number }> {
  const startMs = Date.now();
  await run();
  await sampledAfter(name, Date.now());
  const stats = await engine.client.stats(name, startMs, Date.now());
  return { cpuSeconds: stats.cpuSeconds, invocations: stats.invocations };
}

test('a Node environment reports its thread CPU time, which contention for cores does not inflate', async () => {
  const fn = await engine.client.deploy(standardSpec('cpu-standard', {}, { workloadDir: cpuBoundDir }));
  // Start the eight environments first, so init stays out of both windows.
  await sendMany(fn.url, 8, body);
  await sampledAfter('cpu-standard', Date.now());

  const alone = await cpuPerRequest('cpu-standard', async () => {
    for (let i = 0; i < 12; i++) assert.equal((await send(fn.url, body)).status, 200);
  });
  const contended = await cpuPerRequest('cpu-standard', async () => {
    for (let i = 0; i < 4; i++) assert.deepEqual((await sendMany(fn.url, 8, body)).map((r) => r.status), Array(8).fill(200));
  });

  assert.equal(alone.invocations, 12);
  assert.equal(contended.invocations, 32);
  const aloneSeconds = alone.cpuSeconds / alone.invocations;
  const contendedSeconds = contended.cpuSeconds / contended.invocations;
  assert.ok(aloneSeconds > 0.002, `SHA-256 rounds must show CPU time, got ${aloneSeconds} s per request`);
  assert.ok(
    contendedSeconds < aloneSeconds * 2,
    `8 environments at once: ${contendedSeconds.toFixed(4)} s per request against ${aloneSeconds.toFixed(4)} s alone`,
  );
});
