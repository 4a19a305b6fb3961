// test-lane: concurrent, long: asserts findings.
// Java on LMI runs handlers on the JVM's threads: a handler keeping the caller in static fields
// is caught as cross-talk (exit 1) in each of 5 seeded runs. Its safe twin, the caller in local
// variables, is java-caller-in-local-variables-passes-five-runs.test.ts (a file of its own, so
// the two sets of runs share the concurrent lane instead of following each other).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCliPerSeed, safetyFixtures } from './cli.ts';

test('Java: the caller kept in static fields is cross-talk, exit 1, in each of 5 seeded runs', { timeout: 600_000 }, async () => {
  for (const { seed, run } of await runSafetyCliPerSeed([1, 2, 3, 4, 5], ['--workload', `${safetyFixtures}java-order-static`, '--runtime', 'java', ...quick])) {
    assert.equal(run.code, 1, `seed ${seed}: ${run.stderr}`);
    const crossTalk = run.result?.findings.filter((f) => f.oracle === 'cross-talk') ?? [];
    assert.ok(crossTalk.length > 0, `seed ${seed}: cross-talk found`);
    for (const finding of crossTalk) assert.equal(finding.severity, 'error');
  }
});
