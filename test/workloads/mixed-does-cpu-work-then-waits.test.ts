import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadWorkload } from '../../runner/workload/load.ts';
import { functionUrlEvent, invokers } from './invoke.ts';

function expectedDigest(rounds: number): string {
  const block = Buffer.alloc(16 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = i % 251;
  let digest: Buffer = Buffer.alloc(32);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(Buffer.concat([digest, block])).digest();
  return digest.toString('hex');
}

interface MixedBody { workload: string; rounds: number; delaysMs: number[]; digest: string; cpuMs: number; elapsedMs: number }

const defaultEvent = loadWorkload('mixed').manifest.event;

test('mixed: the manifest documents the default event', () => {
  assert.deepEqual(defaultEvent, { rounds: 750, delaysMs: [40, 60] });
});

for (const [runtime, invoke] of Object.entries(invokers)) {
  test(`mixed (${runtime}): the default event hashes 750 rounds then waits 40 and 60 ms concurrently`, async () => {
    const result = await invoke('mixed', functionUrlEvent(defaultEvent));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as MixedBody;
    assert.equal(body.workload, 'mixed');
    assert.equal(body.rounds, 750);
    assert.deepEqual(body.delaysMs, [40, 60]);
    assert.equal(body.digest, expectedDigest(750));
    // The waits follow the CPU part and overlap each other: at least cpu + 60 ms, well under cpu + 100 ms + slack.
    assert.ok(body.elapsedMs >= body.cpuMs + 59, `elapsed ${body.elapsedMs} ms vs cpu ${body.cpuMs} ms`);
    assert.ok(body.elapsedMs < body.cpuMs + 160, `elapsed ${body.elapsedMs} ms vs cpu ${body.cpuMs} ms: waits not concurrent`);
  });

  test(`mixed (${runtime}): rounds and delaysMs in the body override the defaults`, async () => {
    const result = await invoke('mixed', functionUrlEvent({ rounds: 2, delaysMs: [5] }));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as MixedBody;
    assert.equal(body.rounds, 2);
    assert.deepEqual(body.delaysMs, [5]);
    assert.equal(body.digest, expectedDigest(2));
    assert.ok(body.elapsedMs >= 4);
  });
}
