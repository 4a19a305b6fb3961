// test-lane: concurrent: asserts digests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadWorkload } from '../../runner/workload/load.ts';
import { functionUrlEvent, invokers } from './invoke.ts';

/** The documented work, computed independently: rounds of sha256(previous digest ‖ 16 KiB buffer). */
function expectedDigest(rounds: number): string {
  const block = Buffer.alloc(16 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = i % 251;
  let digest: Buffer = Buffer.alloc(32);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(Buffer.concat([digest, block])).digest();
  return digest.toString('hex');
}

interface CpuBody { workload: string; rounds: number; bufferBytes: number; digest: string; elapsedMs: number }

const defaultEvent = loadWorkload('cpu-bound').manifest.event;

test('cpu-bound: the manifest documents the default event', () => {
  assert.deepEqual(defaultEvent, { rounds: 1500 });
});

for (const [runtime, invoke] of Object.entries(invokers)) {
  test(`cpu-bound (${runtime}): the default event hashes 1500 rounds`, async () => {
    const result = await invoke('cpu-bound', functionUrlEvent(defaultEvent));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as CpuBody;
    assert.equal(body.workload, 'cpu-bound');
    assert.equal(body.rounds, 1500);
    assert.equal(body.bufferBytes, 16384);
    assert.equal(body.digest, expectedDigest(1500));
    assert.ok(body.elapsedMs > 0);
  });

  test(`cpu-bound (${runtime}): rounds in the body sets the amount of work`, async () => {
    const result = await invoke('cpu-bound', functionUrlEvent({ rounds: 7 }));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as CpuBody;
    assert.equal(body.rounds, 7);
    assert.equal(body.digest, expectedDigest(7));
  });

  test(`cpu-bound (${runtime}): an empty body uses the default rounds`, async () => {
    const body = JSON.parse((await invoke('cpu-bound', functionUrlEvent(undefined))).body) as CpuBody;
    assert.equal(body.rounds, 1500);
  });
}
