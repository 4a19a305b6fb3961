// test-lane: concurrent: asserts counts read back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { invocationHistory } from '../../runner/traffic/function-history.ts';
import { UsageError } from '../../runner/errors.ts';

const ioBoundDir = fileURLToPath(new URL('../../workloads/io-bound', import.meta.url));
let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test("--from-function turns a function's per-minute Invocations, read through the engine's CloudWatch API, into a profile", async () => {
  const fn = await engine.client.deploy({
    name: 'history-probe',
    workloadDir: ioBoundDir,
    runtime: 'node',
    timeoutMs: 10_000,
    compute: { type: 'lambda', memoryMb: 512, concurrencyLimit: 100, idleTimeoutMs: 600_000 },
  });
  const requests = 12;
  for (let i = 0; i < requests; i++) {
    const reply = await fetch(fn.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delaysMs: [5] }) });
    assert.equal(reply.status, 200);
    await reply.arrayBuffer();
  }
  // Read as if a minute later, so the minute these requests fell in is complete.
  const nowMs = Date.now() + 60_000;
  const profile = await invocationHistory({ functionName: 'history-probe', region: 'us-east-1', days: 1, endpoint: engine.controlUrl, nowMs });
  const total = profile.minuteRequests.reduce((a, b) => a + b, 0);
  assert.equal(total, requests);
  // Leading idle minutes before the first datapoint are dropped: the requests span at most two minutes.
  assert.ok(profile.minuteRequests.length <= 3, `profile spans ${profile.minuteRequests.length} minutes`);
  assert.ok((profile.minuteRequests[0] ?? 0) > 0);
  assert.match(profile.name, /^function:history-probe/);

  await assert.rejects(
    invocationHistory({ functionName: 'no-such-function', region: 'us-east-1', days: 1, endpoint: engine.controlUrl, nowMs }),
    (e: unknown) => e instanceof UsageError && /no Invocations for function 'no-such-function'/.test(e.message),
  );
  await assert.rejects(invocationHistory({ functionName: 'history-probe', region: 'us-east-1', days: 30, endpoint: engine.controlUrl, nowMs }), /--days must be a whole number from 1 to 15/);
});
