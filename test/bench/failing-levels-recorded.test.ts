// test-lane: concurrent: asserts level states.
// A workload whose every invocation fails: each level is recorded as failed with its reason,
// the run still goes through every level and mode, and the bench exits 2 (nothing measured)
// naming each level's reason on stderr.
// The warm-up starts the environments, so a trial's first request is never a cold start slower
// than the trial (on a loaded machine it was, and answered after the window, counted nowhere).
// The trial lasts 2 s: run 4 files at a time on 2 cores, a warm failing invocation still took
// over 0.5 s, so a 0.5 s trial saw no answer at all and could not name the most frequent status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunFile } from '../../runner/run/read-run.ts';
import { startBench } from './bench-process.ts';
import { testTempDir } from '../temp-dir.ts';

test('every level failing: all recorded as failed with the reason, exit 2', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-fail-');
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/always-fails', '--concurrency', '1,2', '--duration', '2', '--warmup', '0.5',
    '--trials', '1', '--lmi-max-concurrency', '4', '--offline', '--out', out, '--run-id', 'fails',
  ]);
  const { code } = await bench.exited;
  assert.equal(code, 2, bench.stderr());
  const run = readRunFile(join(out, 'fails'));
  assert.equal(run.status, 'complete');
  assert.deepEqual(run.levels.map((l) => `${l.mode}@${l.concurrency}:${l.state}`), ['lambda@1:failed', 'lambda@2:failed', 'lmi@1:failed', 'lmi@2:failed']);
  for (const level of run.levels) {
    assert.match(level.state === 'failed' ? level.reason : '', /trial 1: no successful response \(0 throttled, \d+ errors, most often HTTP 502\)/);
  }
  // The exit names why, on stderr, for every level (a CI log shows stderr first).
  const why = bench.stderr().slice(bench.stderr().indexOf('no level could be measured:'));
  for (const level of run.levels) {
    assert.match(why, new RegExp(`\\n  [^\\n]*${level.variantId} c=${level.concurrency}[^\\n]*: trial 1: no successful response`), why);
  }
  assert.match(bench.stdout(), /lambda\s+512 MB\s+1\s+failed: trial 1: no successful response/);
});
