// test-lane: concurrent: asserts what the hooks recorded (a 250 ms timer still pending when its invocation returns).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { HookRecord } from '../../runner/safety/findings.ts';
import { lmiSpec, send } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const fixtures = fileURLToPath(new URL('../fixtures/safety/', import.meta.url));

let engine: EngineHandle;
let recordDir: string;
before(async () => {
  engine = await startEngine();
  recordDir = testTempDir('lmi-bench-hooks-test-');
});
after(async () => {
  await engine.stop();
  await rm(recordDir, { recursive: true, force: true });
});

async function records(dir: string): Promise<Map<string, HookRecord>> {
  const out = new Map<string, HookRecord>();
  for (const name of await readdir(dir)) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean)) {
      const record = JSON.parse(line) as HookRecord;
      out.set(record.requestId, record);
    }
  }
  return out;
}

async function deployAndSend(name: string, workload: string, runtime: 'node' | 'python', dir: string | undefined, count: number) {
  const event = JSON.parse(await readFile(join(fixtures, workload, 'workload.json'), 'utf8')).event as unknown;
  const spec = lmiSpec(name, { minEnvironments: 1, maxEnvironments: 1, maxConcurrency: count }, { workloadDir: join(fixtures, workload), runtime, ...(dir ? { safetyRecordDir: dir } : {}) });
  const fn = await engine.client.deploy(spec);
  const replies = await Promise.all(Array.from({ length: count }, () => send(fn.url, event)));
  await engine.client.remove(name);
  return replies.map((reply) => ({ status: reply.status, requestId: String(reply.headers['x-amzn-requestid']) }));
}

test('Node: each invocation is recorded with its /tmp files (as /tmp paths), keyed by the request id the response names', async () => {
  const dir = await mkdtemp(join(recordDir, 'node-files-'));
  const replies = await deployAndSend('hooks-node-files', 'order-safe', 'node', dir, 4);
  const seen = await records(dir);
  for (const { status, requestId } of replies) {
    assert.equal(status, 200);
    const record = seen.get(requestId);
    assert.ok(record, `a record for ${requestId}`);
    assert.deepEqual(record.files, [{ path: `/tmp/order-${requestId}.json`, read: true, write: true }]);
    assert.deepEqual(record.globals, []);
    assert.deepEqual(record.pending, [], 'every awaited timer and promise had settled');
    assert.ok(record.endMs > record.startMs);
  }
});

test('Node: globalThis and process.env assignments and un-awaited work are recorded', async () => {
  const dir = await mkdtemp(join(recordDir, 'node-state-'));
  const replies = await deployAndSend('hooks-node-state', 'order-audit-trail', 'node', dir, 3);
  const seen = await records(dir);
  for (const { requestId } of replies) {
    const record = seen.get(requestId);
    assert.ok(record);
    assert.deepEqual([...record.globals].sort(), ['globalThis.lastOrderAt', 'process.env.LAST_REQUEST_ID']);
    assert.ok(record.pending.some((p) => p.kind === 'timer' && p.detail.includes('250 ms')), JSON.stringify(record.pending));
    assert.ok(record.pending.some((p) => p.kind === 'promise'));
  }
});

test('Python: the fixed /tmp scratch file and the changed module global are recorded per process', async () => {
  const dir = await mkdtemp(join(recordDir, 'python-'));
  const replies = await deployAndSend('hooks-python', 'report-scratch-file', 'python', dir, 3);
  const seen = await records(dir);
  // Python runs one request per process: invocations that overlapped were recorded by different
  // processes. Which ones overlap is the machine's doing (a loaded one may finish a 30 ms request
  // before the third arrives and reuse its process), so the rule is checked on the recorded times,
  // and at least two of the three must have overlapped for it to have been tested.
  const timed = replies.map((r) => seen.get(r.requestId)).filter((record) => record !== undefined);
  const overlapping = timed.flatMap((a, i) => timed.slice(i + 1).filter((b) => a.startMs < b.endMs && b.startMs < a.endMs).map((b) => [a, b] as const));
  assert.ok(overlapping.length > 0, `no two of the 3 concurrent requests overlapped: ${JSON.stringify(timed.map((r) => [r.startMs, r.endMs]))}`);
  for (const [a, b] of overlapping) assert.notEqual(a.worker, b.worker, 'overlapping invocations in different processes');
  for (const { requestId } of replies) {
    const record = seen.get(requestId);
    assert.ok(record);
    assert.deepEqual(record.files, [{ path: '/tmp/report-scratch.csv', read: true, write: true }]);
    assert.deepEqual(record.globals, ['report.reports_built']);
  }
});

test('a safetyRecordDir that is not an existing absolute folder is refused with one line', async () => {
  for (const bad of ['relative/dir', join(recordDir, 'missing')]) {
    const spec = lmiSpec('hooks-bad', { minEnvironments: 1 }, { workloadDir: join(fixtures, 'order-safe'), safetyRecordDir: bad });
    await assert.rejects(engine.client.deploy(spec), /safetyRecordDir must be the absolute path of an existing folder/);
  }
});
