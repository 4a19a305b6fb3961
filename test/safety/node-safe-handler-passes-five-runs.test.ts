// test-lane: concurrent, long: asserts the absence of findings.
// A Node handler with per-request state and per-request temp files (named from
// the request id) exits 0 in 5 runs, with no error finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCliPerSeed, safetyFixtures } from './cli.ts';

test('per-request state and per-request temp files: exit 0 and no error finding in 5 runs', async () => {
  for (const { seed, run } of await runSafetyCliPerSeed([11, 12, 13, 14, 15], ['--workload', `${safetyFixtures}order-safe`, ...quick])) {
    assert.equal(run.code, 0, `seed ${seed}: ${run.stdout.slice(0, 2000)}`);
    const result = run.result;
    assert.ok(result);
    assert.equal(result.counts.errors, 0);
    // It did run concurrently and did see the files: the oracles had something to judge.
    assert.deepEqual(result.rounds.map((r) => r.concurrency), [2, 4, 8]);
    assert.ok(result.rounds.every((r) => r.statuses['200'] === r.invocations), JSON.stringify(result.rounds));
    assert.deepEqual(result.notes, [], 'every invocation left its hook record');
  }
});
