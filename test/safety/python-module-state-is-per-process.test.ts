// test-lane: concurrent: asserts findings.
// Python module state is reported as LMI runs it: each concurrent Python invocation runs in a
// process of its own, so a module-level dict filled per request and a module counter are per
// process (as on standard Lambda): no finding, and the result says why. What the processes do
// share, /tmp, stays an error: a fixed scratch path is one cause, the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFindings } from '../../runner/safety/finding-groups.ts';
import { quick, runSafetyCli, safetyFixtures } from './cli.ts';

test('a module dict used per request in Python: no warning, exit 0, and a note that module state is per process', { timeout: 180_000 }, async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}invoice-module-dict`, '--runtime', 'python', ...quick, '--seed', '4']);
  assert.equal(run.code, 0, run.stdout.slice(0, 2000));
  const result = run.result;
  assert.ok(result);
  assert.deepEqual(result.findings, []);
  assert.ok(result.rounds.some((r) => r.concurrency === 8), 'it ran 8 at once');
  assert.ok(result.notes.some((note) => /per process/.test(note)), result.notes.join('\n'));
});

test('a fixed /tmp path written by Python processes: an error, all its findings under the file', { timeout: 180_000 }, async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}report-scratch-file`, '--runtime', 'python', ...quick, '--seed', '7']);
  assert.equal(run.code, 1, run.stderr);
  const findings = run.result?.findings ?? [];
  assert.ok(findings.some((f) => f.oracle === 'shared-files' && f.severity === 'error'));
  assert.ok(!findings.some((f) => f.oracle === 'module-state'), 'its module counter is per process');
  const groups = groupFindings(findings);
  assert.equal(groups[0]?.cause, 'the /tmp file /tmp/report-scratch.csv');
  assert.equal(groups[0]?.severity, 'error');
  assert.match(run.stdout, /^1\. \*\*the \/tmp file \/tmp\/report-scratch\.csv\*\* \(error\)/m);
});
