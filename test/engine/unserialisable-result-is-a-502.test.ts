// test-lane: concurrent: asserts statuses and errors.
// A Node.js handler that returns what JSON cannot carry (a circular object, a BigInt) answered
// 200 with an empty body. The Node.js runtime serialises the result with JSON.stringify and fails
// the invocation with "Unable to stringify response body": a 502 from the Function URL, counted
// as an error, as Python's runtime already did for its own unserialisable results.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const handler = `
export const circular = async () => { const a = { statusCode: 200 }; a.self = a; return { ok: true, a }; };
export const circularBody = async () => { const b = { n: 1 }; b.self = b; return { statusCode: 200, body: b }; };
export const bigint = async () => ({ count: 10n });
export const fine = async () => ({ ok: true });
`;

let engine: EngineHandle;
let dir: string;
before(async () => {
  dir = testTempDir('lmi-bench-unserialisable-');
  for (const exportName of ['circular', 'circularBody', 'bigint', 'fine']) {
    mkdirSync(join(dir, exportName));
    writeFileSync(join(dir, exportName, 'index.mjs'), handler);
    writeFileSync(join(dir, exportName, 'workload.json'), JSON.stringify({ name: exportName, kind: 'io', memoryMb: 512, runtimes: { node: { handler: `index.${exportName}` } } }));
  }
  engine = await startEngine();
});
after(async () => {
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a circular object or a BigInt result is a 502 "Unable to stringify response body"; a plain one is a 200', async () => {
  for (const exportName of ['circular', 'circularBody', 'bigint']) {
    const fn = await engine.client.deploy(standardSpec(`unserialisable-${exportName}`, {}, { workloadDir: join(dir, exportName) }));
    const startMs = Date.now();
    const reply = await send(fn.url, {});
    assert.equal(reply.status, 502, `${exportName}: ${reply.status} ${reply.body}`);
    assert.deepEqual(reply.json(), { message: 'Internal Server Error', errorType: 'Error', errorMessage: 'Unable to stringify response body' }, exportName);
    const stats = await engine.client.stats(fn.name, startMs, Date.now() + 1);
    assert.deepEqual(stats.errorTypes, { Error: 1 }, exportName);
  }
  const fine = await engine.client.deploy(standardSpec('unserialisable-fine', {}, { workloadDir: join(dir, 'fine') }));
  const reply = await send(fine.url, {});
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json(), { ok: true });
});
