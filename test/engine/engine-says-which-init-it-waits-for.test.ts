// test-lane: serial: a quick init must say nothing, i.e. finish under the 5 s heartbeat, which under 3-at-a-time contention an LMI Python init did not (heartbeat against a 6 s init, the engine CLI idle meanwhile).
// `lmi-bench engine --workload` says what it waits for while a handler initialises: past 5 s,
// a line every 5 s naming the function, its runtime and compute, and the init limit it runs
// under, so a slow or endless init is never a silent wait. The handler's first init sleeps 6 s
// (the standard Lambda function's deploy check); later inits are quick.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const dir = testTempDir('lmi-bench-init-heartbeat-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('a 6 s init: the engine names the function and runtime it is initialising before it is ready', { timeout: 90_000 }, async () => {
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'first'), '');
  writeFileSync(
    join(dir, 'python', 'index.py'),
    `import os, time\nFIRST = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'first')\nif os.path.exists(FIRST):\n    os.remove(FIRST)\n    time.sleep(6)\n\ndef handler(event, context):\n    return {}\n`,
  );
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'slow', kind: 'io', memoryMb: 256, runtimes: { python: { handler: 'python/index.handler' } } }));
  const engine = spawn(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'engine', '--workload', dir, '--runtime', 'python'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  engine.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => engine.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      engine.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"ready"')) resolve();
      });
      engine.once('exit', (code) => reject(new Error(`the engine exited ${code}: ${stderr}`)));
    });
  } finally {
    engine.kill('SIGTERM');
    await exited;
  }
  const lines = stderr.split('\n');
  const heartbeat = lines.findIndex((line) => line.startsWith('lmi-bench: still initialising slow-lambda (python, standard Lambda) after 5 s: waiting for its handler\'s init, within Lambda\'s 10 s init limit, then a retry within the function timeout (30 s)'));
  assert.ok(heartbeat !== -1, stderr);
  const deployed = lines.findIndex((line) => line.startsWith('slow-lambda (lambda'));
  assert.ok(deployed > heartbeat, `the heartbeat came while it waited, before the function was deployed:\n${stderr}`);
  assert.equal(lines.filter((line) => line.includes('still initialising slow-lmi')).length, 0, 'a quick init says nothing');
});
