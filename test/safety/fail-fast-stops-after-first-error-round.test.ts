// test-lane: concurrent: asserts rounds and findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSafetyCli, safetyFixtures } from './cli.ts';

test('--fail-fast stops after the first round with an error finding', async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}order-shared-state`, '--concurrency', '8', '--rounds', '4', '--seed', '3', '--fail-fast']);
  assert.equal(run.code, 1, run.stderr);
  const result = run.result;
  assert.ok(result);
  assert.ok(result.rounds.length < 4, `stopped early: ${result.rounds.length} rounds`);
  assert.equal(result.stoppedEarly, true);
  const last = result.rounds.length;
  assert.ok(result.findings.some((f) => f.severity === 'error' && f.round === last), 'the last round run had the error');
  assert.ok(result.findings.filter((f) => f.severity === 'error').every((f) => f.round === last), 'earlier rounds had none');
  assert.match(run.stdout, /Stopped at the first error \(--fail-fast\)/);
});
