// test-lane: serial: asserts p50 within 15 ms of the handler wait.
// The built-in io-bound workload's Java version through `lmi-bench bench`, as a user runs it: at
// concurrency 1 its p50 is within 200–215 ms on standard Lambda and on LMI (its downstream waits
// are 200 ms at most). Other processes on a shared machine only add latency, so the upper bound is
// checked on the best of up to three runs; the lower on every run. (cpu-bound's duration model,
// which asserts no latency, is java-cpu-bound-duration-model-stretches-cpu.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { javaBench as bench, measured } from './java-bench.ts';

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
