// test-lane: concurrent: asserts a status.
// `npm run bench --workload io-bound` hands the bench npm_config_* variables; the engine the
// bench spawns must not take them for its own flags (its `engine` command has --workload too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine } from '../../runner/target/local/engine-process.ts';
import { send, standardSpec } from './support.ts';

test('an engine started under `npm run` with --workload before -- starts and answers', async () => {
  const engine = await startEngine({ env: { ...process.env, npm_lifecycle_event: 'bench', npm_config_workload: 'true' } });
  try {
    // startEngine rejects when the engine exits before it is ready; it must also serve.
    const fn = await engine.client.deploy(standardSpec('npm-started'));
    assert.equal((await send(fn.url, { delayMs: 1 })).status, 200);
  } finally {
    await engine.stop();
  }
});
