// A workload whose every invocation fails: each level is recorded as failed with its reason,
// the run still goes through every level and mode, and the bench exits 2 (nothing measured).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunFile } from '../../runner/run/write-run.ts';
import { startBench } from './bench-process.ts';

test('every level failing: all recorded as failed with the reason, exit 2', { timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'lmi-bench-fail-'));
  const bench = startBench([
    '--workload', 'test/fixtures/workloads/always-fails', '--concurrency', '1,2', '--duration', '0.5', '--warmup', '0',
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
  assert.match(bench.stderr(), /no level could be measured/);
  assert.match(bench.stdout(), /lambda\s+512 MB\s+1\s+failed: trial 1: no successful response/);
});
