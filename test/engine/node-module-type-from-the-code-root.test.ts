// test-lane: concurrent: asserts module loading.
/**
 * Handlers load as Lambda loads them: a .js file's module type comes from the function's own code
 * root (the workload folder), never from a folder above it. These fixtures sit inside this clone,
 * whose package.json says "type": "module": a CommonJS index.js with no package.json of its own
 * runs on standard Lambda and on LMI (it would fail under Node's own rule with "exports is not
 * defined in ES module scope"), an ES module index.js runs where its code root says "type":
 * "module", and CommonJS in a code root that says "type": "module" is refused at deploy with one
 * line naming the fix.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { UsageError } from '../../runner/errors.ts';
import { fixturesDir, lmiSpec, send, sendMany, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('the clone itself is an ES module scope: the rule under test is not a no-op', () => {
  const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { type?: string };
  assert.equal(own.type, 'module');
});

test('a CommonJS index.js inside the clone runs on standard Lambda and on LMI', async () => {
  const workloadDir = fixturesDir + 'commonjs-handler';
  for (const spec of [standardSpec('cjs-std', {}, { workloadDir }), lmiSpec('cjs-lmi', { minEnvironments: 1 }, { workloadDir })]) {
    const fn = await engine.client.deploy(spec);
    const replies = await sendMany(fn.url, 3, { who: 'LMI' });
    for (const reply of replies) {
      assert.equal(reply.status, 200, `${spec.name}: ${reply.body}`);
      const body = reply.json<{ message: string; file: string; calls: number }>();
      assert.equal(body.message, 'hello, LMI', 'the sibling required through require()');
      assert.equal(body.file, 'index.js', '__filename is defined: CommonJS');
    }
  }
});

test("an ES module index.js runs where its own code root's package.json says \"type\": \"module\"", async () => {
  const fn = await engine.client.deploy(lmiSpec('esm-js-lmi', { minEnvironments: 1 }, { workloadDir: fixturesDir + 'esm-js-handler' }));
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  assert.deepEqual(reply.json(), { message: 'hello from an ES module', moduleScope: 'esm' });
});

test('CommonJS in a code root that says "type": "module" is refused at deploy with one line naming the fix', async () => {
  const cases: Array<[string, RegExp]> = [
    ['commonjs-in-esm-root', /node\/index\.js uses CommonJS \(exports\) but is loaded as an ES module because package\.json says "type": "module": rename it to \.cjs/],
  ];
  for (const [folder, expected] of cases) {
    for (const spec of [standardSpec(`${folder}-std`, {}, { workloadDir: fixturesDir + folder }), lmiSpec(`${folder}-lmi`, { minEnvironments: 1 }, { workloadDir: fixturesDir + folder })]) {
      await assert.rejects(engine.client.deploy(spec), (error: unknown) => {
        assert.ok(error instanceof UsageError, `${spec.name}: a UsageError`);
        assert.match(error.message, expected, spec.name);
        assert.ok(!error.message.includes('\n'), `${spec.name}: one line`);
        return true;
      });
    }
  }
});
