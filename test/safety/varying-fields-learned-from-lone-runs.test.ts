// test-lane: concurrent: asserts findings.
// A handler returning a timestamp and a random id, otherwise safe, has no error
// finding: the differential oracle learns from the two lone runs that those fields vary, even a
// timestamp in whole seconds (the two lone runs of an event are over a second apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCli, safetyFixtures } from './cli.ts';

test('a timestamp and a random id in every response are not errors', async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}receipt-stamped`, ...quick, '--seed', '21']);
  assert.equal(run.code, 0, run.stdout.slice(0, 2000));
  const result = run.result;
  assert.ok(result);
  assert.equal(result.counts.errors, 0);
  assert.equal(result.loneRuns, 2 * result.events.count, 'each event ran alone twice');
  assert.ok(result.rounds.every((r) => r.statuses['201'] === r.invocations), 'every concurrent response was compared, none failed');
});
