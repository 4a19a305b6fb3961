// Node.js on LMI runs one worker thread per vCPU of the environment, each with its own init; a
// synchronous handler holds its thread, so an environment serves at most that many at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { nodeWorkerThreads } from '../../runner/engine/launchers.ts';
import { lmiSpec, send } from './support.ts';

const spinDir = fileURLToPath(new URL('../fixtures/workloads/sync-spin', import.meta.url));

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

interface Spin {
  threadId: number;
  startMs: number;
  endMs: number;
  inits: string[];
}

/** Most handler runs that overlapped at any instant. */
function maxOverlap(spins: Spin[]): number {
  const edges = spins.flatMap((s) => [
    { atMs: s.startMs, delta: 1 },
    { atMs: s.endMs, delta: -1 },
  ]);
  edges.sort((a, b) => a.atMs - b.atMs || a.delta - b.delta);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.delta));
  return most;
}

test('a 2-vCPU Node LMI environment runs 2 worker threads, inits twice, and serves a synchronous handler 2 at a time', async () => {
  // 4096 MB at 2 GiB per vCPU: 2 vCPUs.
  const fn = await engine.client.deploy(lmiSpec('spin', { memoryMb: 4096, gibPerVcpu: 2, minEnvironments: 1, maxEnvironments: 1, maxConcurrency: 8 }, { workloadDir: spinDir }));
  const replies = await Promise.all(Array.from({ length: 6 }, () => send(fn.url, { spinMs: 250 })));
  assert.deepEqual(replies.map((r) => r.status), Array(6).fill(200), replies.map((r) => r.body).join('\n'));
  const spins = replies.map((r) => r.json<Spin>());
  assert.equal(new Set(spins.map((s) => s.threadId)).size, 2, 'two worker threads served the requests');
  const inits = spins.reduce((longest, s) => (s.inits.length > longest.length ? s.inits : longest), [] as string[]);
  assert.equal(inits.length, 2, `init ran once per thread (the threads share the environment's /tmp): ${inits.join(',')}`);
  assert.equal(maxOverlap(spins), 2, 'a synchronous handler runs at most once per thread at a time');
});

test('the worker count is the vCPU count unless AWS_LAMBDA_NODEJS_WORKER_COUNT says otherwise', () => {
  assert.equal(nodeWorkerThreads(2, {}), 2);
  assert.equal(nodeWorkerThreads(0.5, {}), 1);
  assert.equal(nodeWorkerThreads(4, { AWS_LAMBDA_NODEJS_WORKER_COUNT: '3' }), 3);
});
