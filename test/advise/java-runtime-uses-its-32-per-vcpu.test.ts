// test-lane: concurrent: asserts the modelled settings.
// advise --runtime java: the LMI settings use Java's documented 32 invocations per vCPU (a
// 2048 MB, 2 GiB/vCPU environment: 32), and the concurrency risk names threads sharing static
// fields; provided uses Rust's documented 8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';

async function advise(runtime: string): Promise<string> {
  const args = ['advise', '--requests-per-month', '50000000', '--duration-ms', '120', '--memory-mb', '1024', '--cpu-ms', '1', '--offline', '--runtime', runtime];
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args], { env: cleanEnv() });
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

test('advise --runtime java: 32 per environment of 1 vCPU, and the static-field risk', async () => {
  const out = await advise('java');
  assert.match(out, /max 32 per environment/);
  assert.match(out, /Java and \.NET: threads sharing the handler object and every static field/);
  assert.match(out, /LMI needs Java 21\+: check that your java version is\./);
});

test('advise --runtime provided: 8 per environment of 1 vCPU (Rust on provided.al2023)', async () => {
  assert.match(await advise('provided'), /max 8 per environment/);
});
