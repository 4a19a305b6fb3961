// test-lane: serial: asserts p50 within 15 ms of the handler wait.
// The built-in workloads' Java versions through `lmi-bench bench`, as a user runs them: io-bound
// at concurrency 1 has p50 within 200–215 ms on standard Lambda and on LMI (its downstream waits
// are 200 ms at most); cpu-bound at 512 MB has a duration model that stretches the JVM's CPU
// time by 1769/512 (512/1769 of a vCPU). Other processes on a shared machine only add latency,
// so the upper bound is checked on the best of up to three runs; the lower on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasuredLevel, RunFile } from '../../runner/run/run-file.ts';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { tempDir } from '../safety/cli.ts';

async function bench(args: string[]): Promise<RunFile> {
  const out = tempDir('java-bench');
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--runtime', 'java', '--concurrency', '1', '--out', out, ...args], { env: cleanEnv(), timeoutMs: 240_000 });
  assert.equal(run.code, 0, run.stderr);
  const [folder] = readdirSync(out);
  return JSON.parse(readFileSync(join(out, folder as string, 'run.json'), 'utf8')) as RunFile;
}

function measured(run: RunFile): MeasuredLevel[] {
  return run.levels.filter((l): l is MeasuredLevel => l.state === 'measured');
}

test('io-bound in Java: p50 at concurrency 1 within 200–215 ms on both modes', { timeout: 600_000 }, async () => {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const levels = measured(await bench(['--workload', 'io-bound', '--duration', '3', '--warmup', '1']));
    assert.deepEqual(levels.map((l) => l.mode).sort(), ['lambda', 'lmi']);
    seen.push(levels.map((l) => `${l.mode} p50 ${l.latencyMs.p50}`).join(', '));
    for (const level of levels) {
      assert.ok(level.latencyMs.p50 >= 200, `${level.mode} p50 ${level.latencyMs.p50}: faster than the 200 ms wait`);
      assert.equal(level.requests.errors + level.requests.throttled, 0);
    }
    if (levels.every((l) => l.latencyMs.p50 <= 215)) return;
  }
  assert.fail(`no run with both p50 at most 215 ms: ${seen.join('; ')}`);
});

test('cpu-bound in Java at 512 MB: the duration model stretches the measured CPU by 1769/512', { timeout: 300_000 }, async () => {
  const [level] = measured(await bench(['--workload', 'cpu-bound', '--modes', 'lambda', '--memory', '512', '--duration', '3', '--warmup', '2']));
  const model = level?.durationModel;
  assert.ok(model && model.source === 'local-model', JSON.stringify(model));
  assert.equal(model.memoryMb, 512);
  assert.ok(Math.abs(model.vcpuShare - 512 / 1769) < 1e-9, `share ${model.vcpuShare}`);
  const cpuMs = model.cpuMeanMs ?? 0;
  // 1500 SHA-256 rounds over 16 KiB: real CPU work, measured from the JVM's threads.
  assert.ok(cpuMs >= 5, `CPU per invocation ${cpuMs} ms`);
  const expected = (model.offCpuMeanMs ?? 0) + cpuMs * (1769 / 512);
  assert.ok(Math.abs(model.modelledMeanMs - expected) < 1e-6, `modelled ${model.modelledMeanMs}, expected ${expected}`);
  assert.ok(model.modelledMeanMs >= cpuMs * 3.4, 'the CPU part runs at 512/1769 of a vCPU');
});
