// test-lane: concurrent: asserts which /tmp files each request sees, not time.
// AWS gives every execution environment its own /tmp: a handler writing a fixed /tmp path must
// never read another environment's file on standard Lambda, must share it inside one LMI
// environment (its slots share /tmp on AWS too), and must leave nothing in the host's /tmp.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineTempPrefix } from '../../runner/engine/temp-folders.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { Runtime } from '../../runner/runtimes/registry.ts';
import { lmiSpec, send, standardSpec } from './support.ts';

const scratchDir = fileURLToPath(new URL('../fixtures/workloads/tmp-scratch', import.meta.url));
const hostScratch = '/tmp/scratch.txt';

let engine: EngineHandle;
let hostBefore: number | null;
before(async () => {
  hostBefore = mtimeOf(hostScratch);
  engine = await startEngine();
});
after(() => engine.stop());

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

interface Scratch {
  wrote: string;
  read: string;
}

async function concurrently(url: string, tokens: string[], delayMs: number): Promise<Scratch[]> {
  const replies = await Promise.all(tokens.map((token) => send(url, { token, delayMs })));
  assert.deepEqual(replies.map((r) => r.status), tokens.map(() => 200), replies.map((r) => r.body).join('\n'));
  return replies.map((r) => r.json<Scratch>());
}

/** An environment's folder lives in the engine's temp root (temp-folders.ts): <root>/env/<environment id>-XXXXXX. */
function environmentFolders(name: string): string[] {
  const roots = readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${engineTempPrefix}${engine.pid}-`));
  return roots.flatMap((root) => {
    try {
      return readdirSync(join(tmpdir(), root, 'env')).filter((entry) => entry.startsWith(`${name}-env-`));
    } catch {
      return [];
    }
  });
}

for (const runtime of ['node', 'python'] as Runtime[]) {
  test(`${runtime} standard Lambda at concurrency 8: a fixed /tmp path never crosses requests`, async () => {
    const name = `scratch-std-${runtime}`;
    const fn = await engine.client.deploy(standardSpec(name, {}, { workloadDir: scratchDir, runtime }));
    for (let round = 0; round < 3; round++) {
      const tokens = Array.from({ length: 8 }, (_, i) => `${runtime}-${round}-${i}`);
      const crossed = (await concurrently(fn.url, tokens, 150)).filter((s) => s.read !== s.wrote);
      assert.deepEqual(crossed, [], `round ${round}: requests read another environment's /tmp/scratch.txt`);
    }
    assert.ok(environmentFolders(name).length > 0, 'the environments have their folders while they live');
    await engine.client.remove(name);
    assert.deepEqual(environmentFolders(name), [], 'an environment removes its /tmp folder when it ends');
  });

  test(`${runtime} LMI: one environment's concurrent invocations share its /tmp, as on AWS`, async () => {
    const name = `scratch-lmi-${runtime}`;
    const fn = await engine.client.deploy(lmiSpec(name, { minEnvironments: 1, maxEnvironments: 1, maxConcurrency: 4 }, { workloadDir: scratchDir, runtime }));
    const scratches = await concurrently(fn.url, ['a', 'b', 'c', 'd'], 400);
    const crossed = scratches.filter((s) => s.read !== s.wrote);
    assert.ok(crossed.length >= 1, `expected the slots to see each other's file, got ${JSON.stringify(scratches)}`);
    await engine.client.remove(name);
    assert.deepEqual(environmentFolders(name), []);
  });
}

test("the handlers left nothing in the host's /tmp", () => {
  assert.equal(mtimeOf(hostScratch), hostBefore, `${hostScratch} was written on the host`);
});
