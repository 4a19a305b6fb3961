// test-lane: concurrent: asserts the kill, its error type and the memory held when it came, not time.
// An environment whose memory goes over its function's memory is killed as Lambda kills it:
// the invocation fails with Runtime.OutOfMemory ("Runtime exited with error: signal: killed"),
// the next request gets a fresh environment, and nothing else is disturbed. Node measures a
// worker thread's V8 heap + external memory (threads share the engine's process); Python the
// resident memory of the environment's processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionSpec } from '../../runner/engine/protocol.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir } from './fault-level.ts';
import { lmiSpec, send, standardSpec, type Reply } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

async function hogUntilKilled(url: string, mb: number, maxRequests: number): Promise<{ replies: Reply[]; killed: Reply | undefined }> {
  const replies: Reply[] = [];
  for (let i = 0; i < maxRequests; i++) {
    const reply = await send(url, { mb });
    replies.push(reply);
    if (reply.status !== 200) return { replies, killed: reply };
  }
  return { replies, killed: undefined };
}

const cases: Array<{ label: string; spec: (name: string) => FunctionSpec; mb: number; memoryMb: number }> = [];
for (const runtime of ['node', 'python'] as const) {
  cases.push({ label: `${runtime} standard 128 MB`, memoryMb: 128, mb: 40, spec: (name) => standardSpec(name, { memoryMb: 128 }, { runtime, workloadDir: faultDir('memory-hog') }) });
  cases.push({
    label: `${runtime} LMI 2048 MB`,
    memoryMb: 2048,
    mb: 400,
    spec: (name) => lmiSpec(name, { memoryMb: 2048, minEnvironments: 1, maxConcurrency: 1 }, { runtime, workloadDir: faultDir('memory-hog') }),
  });
}

for (const { label, spec, mb, memoryMb } of cases) {
  test(`${label}: holding more than the function's memory is a Runtime.OutOfMemory kill`, async () => {
    const name = label.replace(/[^a-z0-9]+/gi, '-');
    const healthy = await engine.client.deploy(standardSpec(`healthy-${name}`));
    const fn = await engine.client.deploy(spec(name));
    const { replies, killed } = await hogUntilKilled(fn.url, mb, Math.ceil(memoryMb / mb) + 3);
    assert.ok(killed, `killed before ${replies.length} x ${mb} MB`);
    const heldMb = (replies.length - 1) * mb;
    assert.ok(heldMb < memoryMb && heldMb + mb > memoryMb * 0.75, `killed when it asked for ${heldMb + mb} MB of ${memoryMb}`);
    assert.equal(killed.status, 502);
    const body = killed.json<{ errorType: string; errorMessage: string }>();
    assert.equal(body.errorType, 'Runtime.OutOfMemory');
    assert.match(body.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed$/);
    assert.equal((await send(healthy.url, { delayMs: 1 })).status, 200, 'another function is undisturbed');
    assert.ok(await engineAlive(engine, healthy.name));
    // A fresh environment (standard: a cold start; LMI: the replacement) starts from nothing.
    const deadline = Date.now() + 10_000;
    let after: Reply | undefined;
    while (Date.now() < deadline) {
      after = await send(fn.url, { mb: 0 });
      if (after.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(after?.status, 200);
    assert.equal(after?.body, '0', 'the new environment holds nothing');
    await engine.client.remove(fn.name);
    await engine.client.remove(healthy.name);
  });
}
