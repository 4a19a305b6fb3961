// test-lane: concurrent: asserts refusals.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { FunctionSpec } from '../../runner/engine/protocol.ts';
import { UsageError } from '../../runner/errors.ts';
import { fixturesDir, lmiSpec, send, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

const bad: Array<[string, FunctionSpec, RegExp]> = [
  ['unknown workload folder', standardSpec('bad-folder', {}, { workloadDir: fixturesDir + 'does-not-exist' }), /workload folder not found/],
  ['folder without a manifest', standardSpec('bad-manifest', {}, { workloadDir: fixturesDir + 'no-manifest' }), /no workload\.json/],
  ['handler that throws at init', standardSpec('bad-init', {}, { workloadDir: fixturesDir + 'init-throws' }), /init failed: Error: DATABASE_URL is not set/],
  ['handler that throws at init (LMI)', lmiSpec('bad-init-lmi', {}, { workloadDir: fixturesDir + 'init-throws' }), /init failed: Error: DATABASE_URL is not set/],
  ['maxConcurrency 0', lmiSpec('bad-c0', { maxConcurrency: 0 }), /maxConcurrency.*1 to 1600/],
  ['maxConcurrency above 1600', lmiSpec('bad-c1601', { maxConcurrency: 1601 }), /maxConcurrency.*1 to 1600/],
  ['GiB per vCPU below 2', lmiSpec('bad-g1', { gibPerVcpu: 1.5 }), /gibPerVcpu.*2 to 8/],
  ['GiB per vCPU above 8', lmiSpec('bad-g9', { gibPerVcpu: 9 }), /gibPerVcpu.*2 to 8/],
  ['LMI memory below 2048 MB', lmiSpec('bad-mem', { memoryMb: 1024 }), /below 2048/],
  ['unknown instance type', lmiSpec('bad-type', { instanceType: 'm7g.huge' }), /unknown instance type 'm7g\.huge'/],
];

test('each bad spec is refused with 400 and one clear line, and the engine keeps serving another function', async () => {
  for (const [what, spec, expected] of bad) {
    await assert.rejects(
      engine.client.deploy(spec),
      (error: unknown) => {
        assert.ok(error instanceof UsageError, `${what}: a UsageError`);
        assert.match(error.message, expected, what);
        assert.ok(!error.message.includes('\n'), `${what}: one line`);
        return true;
      },
      what,
    );
  }
  const good = await engine.client.deploy(standardSpec('good'));
  const reply = await send(good.url, { delayMs: 1 });
  assert.equal(reply.status, 200);
  const names = await Promise.all(bad.map(([, spec]) => engine.client.state(spec.name).then(() => spec.name, () => null)));
  assert.deepEqual(names.filter((n) => n !== null), [], 'no refused function was left deployed');
});
