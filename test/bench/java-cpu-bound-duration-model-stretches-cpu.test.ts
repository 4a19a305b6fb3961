// test-lane: concurrent: asserts the duration model's arithmetic (memory, vCPU share, modelled = off-CPU + CPU × 1769/512) and that the JVM's CPU time shows (≥ 5 ms of 1500 SHA-256 rounds); no latency.
// The built-in cpu-bound workload's Java version through `lmi-bench bench`, as a user runs it: at
// 512 MB its duration model stretches the JVM's CPU time by 1769/512 (512/1769 of a vCPU). The
// io-bound Java latency test is java-workloads-measured-on-both-modes.test.ts, in the serial lane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { javaBench as bench, measured } from './java-bench.ts';

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
