// test-lane: concurrent: asserts process ids and shared files of 4 invocations that each wait 500 ms.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, sendMany, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

interface Probe {
  /** Names the process (its pid is the namespace's, the same in every environment). */
  process: string;
  tmpdir: string;
  marks: string[];
}

test('Python LMI: concurrent invocations of one environment run in different OS processes that share one temp dir', async () => {
  const fn = await engine.client.deploy(lmiSpec('py-lmi', { minEnvironments: 1, maxConcurrency: 4 }, { runtime: 'python' }));
  const replies = await sendMany(fn.url, 4, { delayMs: 500 });
  assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200]);
  const probes = replies.map((r) => r.json<Probe>());
  assert.equal(new Set(probes.map((p) => p.process)).size, 4, 'one process per concurrent slot');
  assert.equal(new Set(probes.map((p) => p.tmpdir)).size, 1, 'all slots see the same temp dir');
  const sawAll = probes.some((p) => p.marks.length === 4);
  assert.ok(sawAll, 'a slot sees the files the other slots wrote in the shared temp dir');
  const state = await engine.client.state('py-lmi');
  assert.ok((state.environments[0]?.rssBytes ?? 0) > 0, 'resident memory of the slot processes is measured');
});

test('Python standard Lambda: each environment is its own process with its own temp dir', async () => {
  const fn = await engine.client.deploy(standardSpec('py-std', {}, { runtime: 'python' }));
  const probes = (await sendMany(fn.url, 2, { delayMs: 300 })).map((r) => r.json<Probe>());
  assert.equal(new Set(probes.map((p) => p.process)).size, 2);
  // Both answer '/tmp', as on AWS; each sees only its own process's mark there.
  for (const probe of probes) assert.deepEqual(probe.marks, [`slot-${probe.process}`]);
});
