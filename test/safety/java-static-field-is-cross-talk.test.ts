// test-lane: concurrent: asserts findings.
// Java on LMI runs handlers on the JVM's threads: a handler keeping the caller in static fields
// is caught as cross-talk (exit 1) in each of 5 seeded runs; the same handler with the caller in
// local variables exits 0 with no error finding in 5 seeded runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCli, safetyFixtures } from './cli.ts';

test('Java: the caller kept in static fields is cross-talk, exit 1, in each of 5 seeded runs', { timeout: 600_000 }, async () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const run = await runSafetyCli(['--workload', `${safetyFixtures}java-order-static`, '--runtime', 'java', ...quick, '--seed', String(seed)]);
    assert.equal(run.code, 1, `seed ${seed}: ${run.stderr}`);
    const crossTalk = run.result?.findings.filter((f) => f.oracle === 'cross-talk') ?? [];
    assert.ok(crossTalk.length > 0, `seed ${seed}: cross-talk found`);
    for (const finding of crossTalk) assert.equal(finding.severity, 'error');
  }
});

test('Java: the caller in local variables exits 0 with no error finding in 5 seeded runs', { timeout: 600_000 }, async () => {
  for (const seed of [11, 12, 13, 14, 15]) {
    const run = await runSafetyCli(['--workload', `${safetyFixtures}java-order-safe`, '--runtime', 'java', ...quick, '--seed', String(seed)]);
    assert.equal(run.code, 0, `seed ${seed}: ${run.stdout.slice(0, 2000)}`);
    const result = run.result;
    assert.ok(result);
    assert.equal(result.counts.errors, 0);
    assert.ok(result.rounds.every((r) => r.statuses['200'] === r.invocations), JSON.stringify(result.rounds));
    assert.deepEqual(result.notes, ['the java runtime records no per-invocation hooks: the file, state and pending-work oracles do not apply; cross-talk and differential judge the answers']);
  }
});
