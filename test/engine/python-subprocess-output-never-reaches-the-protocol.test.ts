// test-lane: serial: needs more than 10 answers from a healthy function within a 1.5 s fault level, a rate that load from other files can starve (it failed 3 at a time on a loaded machine).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir, runFaultLevel } from './fault-level.ts';
import { lmiSpec, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

for (const runtime of ['python', 'node'] as const) {
  test(`${runtime}: a handler whose subprocess writes to stdout and stderr neither breaks its invocation nor the engine; its output lands in the log`, async () => {
    const healthy = await engine.client.deploy(standardSpec(`healthy-${runtime}`));
    const fn = await engine.client.deploy(lmiSpec(`subproc-${runtime}`, { minEnvironments: 1, maxConcurrency: 2 }, { runtime, workloadDir: faultDir('subprocess-output') }));
    const level = await runFaultLevel(fn.url, healthy.url, { durationMs: 1500 });
    assert.ok(level.faultReplies.length > 0);
    assert.deepEqual(new Set(level.faultReplies.map((r) => r.status)), new Set([200]), 'every invocation of the noisy handler succeeds');
    assert.ok(level.faultReplies.every((r) => r.body === 'done'));
    assert.ok(level.healthy.length > 10);
    assert.ok(level.healthy.every((r) => !(r instanceof Error) && r.status === 200), 'the other function kept answering');
    assert.ok(await engineAlive(engine, healthy.name), 'the engine is alive');

    const state = await engine.client.state(fn.name);
    assert.equal(state.environments.length, 1, 'the environment was never replaced: nothing broke it');
    const logPath = state.environments[0]?.logPath;
    assert.ok(logPath, 'the environment names its log file');
    const log = readFileSync(logPath, 'utf8');
    assert.ok(log.includes('marker-stdout '), "the handler's stdout is in the log");
    assert.ok(log.includes('marker-stderr '), "the handler's stderr is in the log");
    if (runtime === 'python') {
      // A Node worker's subprocess inherits the engine's own descriptors (harmless: Node's
      // protocol is a message port); a Python runtime's inherits the log.
      assert.ok(/^hi$/m.test(log), "the subprocess's stdout is in the log");
      assert.ok(/^oops$/m.test(log), "the subprocess's stderr is in the log");
    }
    await engine.client.remove(fn.name);
    await engine.client.remove(healthy.name);
  });
}

test('python: garbage on the protocol channel is that environment\'s failure (502, environment retired), never the engine\'s', async () => {
  const healthy = await engine.client.deploy(standardSpec('healthy-garbage'));
  const fn = await engine.client.deploy(standardSpec('garbage', {}, { runtime: 'python', workloadDir: faultDir('protocol-garbage') }));
  const level = await runFaultLevel(fn.url, healthy.url, { durationMs: 1500, faultConcurrency: 1 });
  const broken = level.faultReplies.filter((r) => r.status === 502);
  assert.ok(broken.length > 0, 'the invocation that met garbage failed');
  assert.match(broken[0]?.body ?? '', /protocol message/);
  assert.ok(level.faultReplies.every((r) => r.status === 502), `no garbage was taken for a result: ${[...new Set(level.faultReplies.map((r) => r.status))].join(',')}`);
  assert.ok(level.healthy.length > 10);
  assert.ok(level.healthy.every((r) => !(r instanceof Error) && r.status === 200), 'the other function kept answering');
  assert.ok(await engineAlive(engine, healthy.name), 'the engine is alive');
  assert.equal((await engine.client.state(fn.name)).environments.length, 0, 'every broken environment was retired');
  await engine.client.remove(fn.name);
  await engine.client.remove(healthy.name);
});
