// test-lane: concurrent: asserts the exit code, each level's state and its failure reason in run.json.
// A bench of a handler whose response HTTP cannot carry (a header value with a newline): each
// level is recorded as failed with the cause, InvalidResponse, and the bench exits 2. (The engine
// side, the 502 and the engine carrying on, is invalid-response-headers-are-the-invocations-error.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench } from '../bench/bench-process.ts';
import { faultDir } from './fault-level.ts';
import { testTempDir } from '../temp-dir.ts';

test('a bench of that handler records each level as failed with the cause, and exits 2', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-bad-header-');
  try {
    const bench = startBench([
      '--workload', faultDir('bad-header'), '--concurrency', '2', '--duration', '0.5', '--warmup', '0',
      '--trials', '1', '--lmi-max-concurrency', '4', '--offline', '--out', out, '--run-id', 'bad-header',
    ]);
    const { code } = await bench.exited;
    assert.equal(code, 2, bench.stderr());
    const run = readRunFile(join(out, 'bad-header'));
    assert.equal(run.levels.length, 2);
    for (const level of run.levels) {
      assert.equal(level.state, 'failed');
      assert.match(level.state === 'failed' ? level.reason : '', /^trial 1: no successful response \(.*\); the function's errors: \d+ InvalidResponse$/);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
