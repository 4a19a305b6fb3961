// test-lane: concurrent: asserts an exit code and message.
// The local engine has no .NET host: `bench --runtime dotnet` on it exits 2 at once with one
// line saying why and what to do (--target aws, or an OS-only runtime), before any engine starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../safety/cli.ts';
import { cleanEnv, repoRoot, runProcess } from './spawn-cli.ts';

test('bench --runtime dotnet on the local engine: one line, exit 2, naming --target aws and provided', async () => {
  const dir = tempDir('dotnet-workload');
  mkdirSync(join(dir, 'publish'));
  writeFileSync(join(dir, 'publish', 'Orders.runtimeconfig.json'), '{}');
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'orders', kind: 'io', memoryMb: 512, event: {}, runtimes: { dotnet: { handler: 'Orders::Orders.Function::Handle', code: 'publish' } } }));
  const out = tempDir('dotnet-out');
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--workload', dir, '--runtime', 'dotnet', '--out', out], { env: cleanEnv() });
  assert.equal(run.code, 2, run.stderr);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', /^lmi-bench: the local engine cannot run \.NET handlers .*--target aws.*"provided"/);
  assert.equal(run.stdout, '');
});
