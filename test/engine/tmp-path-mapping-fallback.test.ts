// test-lane: concurrent: asserts where the handler's files are written, not time.
// Where no mount namespace can be made, Python and Node.js environments fall back to a path
// mapping in the bootstrap: a fixed /tmp path still stays inside each environment's own folder,
// and the engine says the isolation is partial.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { tmpIsolationVariable } from '../../runner/engine/tmp-dir.ts';
import { send, standardSpec } from './support.ts';

const scratchDir = fileURLToPath(new URL('../fixtures/workloads/tmp-scratch', import.meta.url));

let engine: EngineHandle;
before(async () => {
  engine = await startEngine({ env: { ...process.env, [tmpIsolationVariable]: 'path-mapping' } });
});
after(() => engine.stop());

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

for (const runtime of ['python', 'node'] as const) {
  test(`${runtime} standard Lambda with the path mapping: /tmp/scratch.txt stays per environment and off the host`, async () => {
    const before = mtimeOf('/tmp/scratch.txt');
    const fn = await engine.client.deploy(standardSpec(`scratch-mapped-${runtime}`, {}, { workloadDir: scratchDir, runtime }));
    assert.equal(fn.tmpIsolation.complete, false, 'the isolation is reported partial');
    const tokens = Array.from({ length: 8 }, (_, i) => `mapped-${i}`);
    const replies = await Promise.all(tokens.map((token) => send(fn.url, { token, delayMs: 200 })));
    assert.deepEqual(replies.map((r) => r.status), tokens.map(() => 200), replies.map((r) => r.body).join('\n'));
    const crossed = replies.map((r) => r.json<{ wrote: string; read: string }>()).filter((s) => s.read !== s.wrote);
    assert.deepEqual(crossed, []);
    assert.equal(mtimeOf('/tmp/scratch.txt'), before, 'the host /tmp/scratch.txt was written');
  });
}
