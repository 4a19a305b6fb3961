// test-lane: concurrent: asserts replies and an error's text, not times.
/**
 * A Node.js handler written in TypeScript runs on the local engine, as the CLI itself runs,
 * through tsx: on standard Lambda (a process of its own, frozen between invocations) and on LMI
 * (a worker thread per vCPU), each inside its isolated /tmp, where tsx keeps its cache. Lambda's
 * managed runtime cannot load a .ts file, so the stack for AWS refuses it with one line that
 * names the fix.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { readStackConfig } from '../../infra/config.ts';
import { fixturesDir, lmiSpec, sendMany, standardSpec } from './support.ts';

const workloadDir = fixturesDir + 'ts-handler';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

for (const [mode, spec] of [
  ['standard Lambda', standardSpec('ts-std', {}, { workloadDir })],
  ['LMI', lmiSpec('ts-lmi', { minEnvironments: 1 }, { workloadDir })],
] as const) {
  test(`a TypeScript handler runs on ${mode} through tsx, its module state kept between invocations`, { timeout: 60_000 }, async () => {
    const fn = await engine.client.deploy(spec);
    const first = await sendMany(fn.url, 1, { who: 'ts' });
    const second = await sendMany(fn.url, 1, { who: 'ts' });
    for (const reply of [...first, ...second]) assert.equal(reply.status, 200, reply.body);
    const bodies = [...first, ...second].map((reply) => reply.json<{ message: string; calls: number }>());
    assert.deepEqual(bodies.map((body) => body.message), ['hello from TypeScript, ts', 'hello from TypeScript, ts']);
    // One warm environment served both: the module loaded once, its counter went on.
    assert.deepEqual(bodies.map((body) => body.calls), [1, 2]);
  });
}

test('the stack for AWS refuses a TypeScript handler with one line naming the fix', () => {
  const context: Record<string, string> = { workload: workloadDir, runtime: 'node' };
  assert.throws(
    () => readStackConfig((key) => context[key], {}),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /Lambda cannot run the TypeScript handler .*index\.ts \(compile it to \.mjs\/\.js first\)/);
      assert.ok(!error.message.includes('\n'));
      return true;
    },
  );
});
