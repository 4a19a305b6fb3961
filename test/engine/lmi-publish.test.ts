// test-lane: concurrent: asserts published environments, their spread over instances and 48 answered requests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { ioBoundDir, lmiSpec, sendMany } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('LMI: 3 environments on 3 instances exist before the first request; 48 concurrent requests on 16 slots each all succeed without a cold start', async () => {
  const fn = await engine.client.deploy(lmiSpec('io-lmi', { maxConcurrency: 16 }, { workloadDir: ioBoundDir }));
  assert.equal(fn.environments, 3, 'deploy answers once the minimum environments are up');
  const published = await engine.client.state('io-lmi');
  assert.equal(published.environments.length, 3);
  for (const e of published.environments) {
    assert.equal(e.state, 'ready');
    assert.equal(e.slots, 16);
    assert.ok((e.initDurationMs ?? 0) > 0);
  }
  assert.equal(new Set(published.environments.map((e) => e.instanceId)).size, 3, 'spread over 3 instances (AZs)');
  const point = published.timeline.at(-1);
  assert.equal(point?.environments, 3);
  assert.equal(point?.instances, 3);
  assert.equal(point?.vcpusAllocated, 3, '2048 MB at 2 GiB/vCPU is 1 vCPU per environment');
  assert.equal(point?.vcpusAvailable, 12, '3 × m7g.xlarge (4 vCPU)');

  const startMs = Date.now();
  const replies = await sendMany(fn.url, 48, { delaysMs: [150, 200, 100] });
  assert.deepEqual(replies.map((r) => r.status), Array(48).fill(200));
  const stats = await engine.client.stats('io-lmi', startMs, Date.now() + 1);
  assert.equal(stats.ok, 48);
  assert.equal(stats.throttled, 0);
  assert.equal(stats.coldStarts, 0, 'no environment starts on the request path');
  assert.equal(stats.environmentsUsed, 3);
  const after = await engine.client.state('io-lmi');
  assert.deepEqual(after.environments.map((e) => e.id).sort(), published.environments.map((e) => e.id).sort());
});
