// test-lane: serial: each fault level needs more than 10 answers from a healthy function within 1.5 s, a rate that load from other files can starve (as in python-subprocess-output-never-reaches-the-protocol).
// A handler's response HTTP cannot carry (a header value with a newline) used to throw inside
// the front door and end the engine process. It is that invocation's error: 502, counted as an
// error with its errorType. (That the reason reaches run.json's level is
// invalid-response-headers-fail-the-bench-levels.test.ts.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir, runFaultLevel } from './fault-level.ts';
import { lmiSpec, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

for (const runtime of ['node', 'python'] as const) {
  test(`${runtime}: a header with a newline is a 502 InvalidResponse; the engine and another function carry on`, async () => {
    const healthy = await engine.client.deploy(standardSpec(`healthy-${runtime}`));
    const fn = await engine.client.deploy(lmiSpec(`bad-header-${runtime}`, { minEnvironments: 1, maxConcurrency: 2 }, { runtime, workloadDir: faultDir('bad-header') }));
    const startMs = Date.now();
    const level = await runFaultLevel(fn.url, healthy.url, { durationMs: 1500 });
    assert.ok(level.faultReplies.length > 0);
    for (const reply of level.faultReplies) {
      assert.equal(reply.status, 502);
      assert.equal(reply.headers['x-bad'], undefined, 'the bad header was never sent');
      const body = reply.json<{ errorType: string; errorMessage: string }>();
      assert.equal(body.errorType, 'InvalidResponse');
      assert.match(body.errorMessage, /x-bad/);
    }
    assert.ok(level.healthy.length > 10);
    assert.ok(level.healthy.every((r) => !(r instanceof Error) && r.status === 200), 'the other function kept answering');
    assert.ok(await engineAlive(engine, healthy.name), 'the engine is alive');
    const stats = await engine.client.stats(fn.name, startMs, Date.now() + 1);
    assert.equal(stats.ok, 0);
    assert.equal(stats.errors, level.faultReplies.length, 'every invocation counts as an error');
    assert.deepEqual(stats.errorTypes, { InvalidResponse: level.faultReplies.length });
  });
}
