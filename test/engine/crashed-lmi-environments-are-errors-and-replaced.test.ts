// When a handler crashes its runtime, the LMI function's environments die. Requests that then
// find no live environment are errors with that reason, never 429 throttles; and each crashed
// environment is replaced at once, not on the scaler's next tick (here: never, in the test).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir, runFaultLevel } from './fault-level.ts';
import { lmiSpec, send, standardSpec, waitFor } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

for (const runtime of ['node', 'python'] as const) {
  test(`${runtime} LMI: crashing invocations are errors (no 429), the environments come back at once, another function keeps answering`, async () => {
    const healthy = await engine.client.deploy(standardSpec(`healthy-${runtime}`));
    // scalerIntervalMs 600 s (support.ts): only the crash path can bring environments back.
    const fn = await engine.client.deploy(lmiSpec(`crash-${runtime}`, { minEnvironments: 2, maxConcurrency: 2 }, { runtime, workloadDir: faultDir('crash') }));
    const startMs = Date.now();
    const level = await runFaultLevel(fn.url, healthy.url, { durationMs: 2000, faultBody: { crash: true, delayMs: 20 }, faultConcurrency: 3 });
    const statuses = level.faultReplies.map((r) => r.status);
    assert.ok(level.faultReplies.length > 5, `${level.faultReplies.length} requests`);
    assert.equal(statuses.filter((s) => s === 429).length, 0, `no throttles: ${JSON.stringify(statuses)}`);
    assert.ok(statuses.every((s) => s === 502), 'every crashing request is a 502 error');
    const types = new Set(level.faultReplies.map((r) => r.json<{ errorType: string }>().errorType));
    assert.ok(types.has('Runtime.ExitError'), `the invocations that crashed say so: ${[...types].join(', ')}`);
    for (const type of types) assert.ok(['Runtime.ExitError', 'EnvironmentsCrashed'].includes(type), type);
    const stats = await engine.client.stats(fn.name, startMs, Date.now() + 1);
    assert.equal(stats.throttled, 0);
    assert.equal(stats.errors, level.faultReplies.length);

    // Crash-looping Python runtimes keep both cores busy starting replacements: fewer healthy
    // requests fit in the level, but every one of them is answered.
    assert.ok(level.healthy.length >= 3, `${level.healthy.length} healthy requests`);
    const unhealthy = level.healthy.filter((r) => r instanceof Error || r.status !== 200);
    assert.deepEqual(unhealthy.map((r) => (r instanceof Error ? r.message : `${r.status} ${r.body}`)), [], 'the other function kept answering');
    assert.ok(await engineAlive(engine, healthy.name), 'the engine is alive');

    // Replaced without a scaler tick: both environments are back and serve.
    const back = await waitFor(async () => (await engine.client.state(fn.name)).environments.filter((e) => e.state === 'ready').length === 2, 10_000);
    assert.ok(back, 'the crashed environments were replaced');
    const ok = await send(fn.url, { delayMs: 1 });
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'alive');
  });
}
