// test-lane: concurrent, long: asserts exit codes and findings.
// Java on LMI runs handlers on the JVM's threads: the order handler with the caller in local
// variables exits 0 with no error finding in 5 seeded runs (the same handler keeping the caller
// in static fields is caught: java-static-field-is-cross-talk.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCliPerSeed, safetyFixtures } from './cli.ts';

test('Java: the caller in local variables exits 0 with no error finding in 5 seeded runs', { timeout: 600_000 }, async () => {
  for (const { seed, run } of await runSafetyCliPerSeed([11, 12, 13, 14, 15], ['--workload', `${safetyFixtures}java-order-safe`, '--runtime', 'java', ...quick])) {
    assert.equal(run.code, 0, `seed ${seed}: ${run.stdout.slice(0, 2000)}`);
    const result = run.result;
    assert.ok(result);
    assert.equal(result.counts.errors, 0);
    assert.ok(result.rounds.every((r) => r.statuses['200'] === r.invocations), JSON.stringify(result.rounds));
    assert.deepEqual(result.notes, ['the java runtime records no per-invocation hooks: the file, state and pending-work oracles do not apply; cross-talk and differential judge the answers']);
  }
});
