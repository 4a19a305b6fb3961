// test-lane: concurrent: counts the shim's runs and checks which interpreter answered, not time.
// A `python3` that is a version manager's shim (pyenv's runs a dozen bash scripts before the
// interpreter) is asked once per engine for the interpreter it picks; every environment and every
// LMI slot process then starts that interpreter itself, so no Python init the engine measures
// carries the shim's start-up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, sendMany, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const handler = `import sys\n\ndef handler(event, context):\n    return {"executable": sys.executable}\n`;

let engine: EngineHandle;
let dir: string;
let shimLog: string;
const interpreter = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

before(async () => {
  dir = testTempDir('lmi-bench-python-shim-');
  shimLog = join(dir, 'shim.log');
  writeFileSync(shimLog, '');
  const shim = join(dir, 'python3-shim');
  // Like a version manager's shim: a script that finds the interpreter, then becomes it.
  writeFileSync(shim, `#!/bin/sh\necho "$$" >> '${shimLog}'\nexec '${interpreter}' "$@"\n`);
  chmodSync(shim, 0o755);
  mkdirSync(join(dir, 'fn'));
  writeFileSync(join(dir, 'fn', 'index.py'), handler);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'which-python', kind: 'io', memoryMb: 512, runtimes: { python: { handler: 'fn/index.handler' } } }));
  engine = await startEngine({ env: { ...process.env, LMI_BENCH_PYTHON: shim } });
});
after(() => engine.stop());

function shimRuns(): number {
  return readFileSync(shimLog, 'utf8').split('\n').filter(Boolean).length;
}

test('Python environments start the interpreter the shim picks, and the shim runs once per engine', { timeout: 60_000 }, async () => {
  const lmi = await engine.client.deploy(lmiSpec('shim-lmi', { minEnvironments: 2, maxEnvironments: 2, maxConcurrency: 4 }, { workloadDir: dir, runtime: 'python' }));
  const standard = await engine.client.deploy(standardSpec('shim-std', {}, { workloadDir: dir, runtime: 'python' }));
  const replies = [...(await sendMany(lmi.url, 4)), ...(await sendMany(standard.url, 3))];
  assert.deepEqual(replies.map((r) => r.status), replies.map(() => 200), replies.map((r) => r.body).join('\n'));
  for (const reply of replies) assert.equal(reply.json<{ executable: string }>().executable, interpreter);
  const processes = (await engine.client.state('shim-lmi')).environments.length * 4 + (await engine.client.state('shim-std')).environments.length;
  assert.ok(processes >= 9, `expected at least 2 LMI environments of 4 slot processes and 1 standard one, counted ${processes}`);
  assert.equal(shimRuns(), 1, `the shim ran ${shimRuns()} times for ${processes} Python processes`);
});
