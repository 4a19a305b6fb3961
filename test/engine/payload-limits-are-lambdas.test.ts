// test-lane: concurrent: asserts limits.
// Function URLs take and give at most 6 MB: a larger request is refused with Lambda's 413
// RequestEntityTooLargeException before the function runs (and is not buffered past the
// limit); a larger response fails the invocation as Lambda fails it (502, RequestEntityTooLarge).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxRequestBytes, maxResponseBytes } from '../../runner/engine/payload.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir } from './fault-level.ts';
import { send, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('a request body over 6 MiB gets 413 RequestEntityTooLargeException and never reaches the function', async () => {
  const fn = await engine.client.deploy(standardSpec('limits-request'));
  const startMs = Date.now();
  const tooBig = await send(fn.url, 'x'.repeat(maxRequestBytes + 1), { headers: { 'content-type': 'text/plain' } });
  assert.equal(tooBig.status, 413);
  assert.equal(tooBig.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
  assert.match(tooBig.json<{ message: string }>().message, /^Request must be smaller than 6291456 bytes for the InvokeFunction operation$/);
  // Chunked (no content-length): counted as it arrives, refused once past the limit.
  const chunked = await send(fn.url, 'y'.repeat(maxRequestBytes + 10), { headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } });
  assert.equal(chunked.status, 413);
  assert.equal((await engine.client.stats(fn.name, startMs, Date.now() + 1)).invocations, 0, 'the function never ran');
  const fits = await send(fn.url, JSON.stringify({ delayMs: 1, pad: 'z'.repeat(5 * 1024 * 1024) }));
  assert.equal(fits.status, 200, 'a 5 MB request is served');
  assert.ok(await engineAlive(engine, fn.name));
});

for (const runtime of ['node', 'python'] as const) {
  test(`${runtime}: a response over Lambda's payload limit is the invocation's 502 RequestEntityTooLarge`, async () => {
    const fn = await engine.client.deploy(standardSpec(`limits-response-${runtime}`, {}, { runtime, workloadDir: faultDir('big-response') }));
    const startMs = Date.now();
    const fits = await send(fn.url, { bytes: 6_000_000 });
    assert.equal(fits.status, 200);
    assert.equal(fits.body.length, 6_000_000);
    const tooBig = await send(fn.url, { bytes: maxResponseBytes + 1 });
    assert.equal(tooBig.status, 502);
    assert.deepEqual(tooBig.json(), { message: 'Internal Server Error', errorType: 'RequestEntityTooLarge', errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).' });
    const stats = await engine.client.stats(fn.name, startMs, Date.now() + 1);
    assert.equal(stats.ok, 1);
    assert.deepEqual(stats.errorTypes, { RequestEntityTooLarge: 1 });
    assert.ok(await engineAlive(engine, fn.name));
  });
}
