// test-lane: concurrent: asserts findings.
// A Python handler writing a fixed /tmp scratch file and reading it back is caught
// as cross-talk and as a shared-file finding naming the path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCli, safetyFixtures } from './cli.ts';

test('a fixed /tmp scratch file shared by Python processes: cross-talk and a shared-files error naming /tmp/report-scratch.csv', async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}report-scratch-file`, '--runtime', 'python', ...quick, '--seed', '7']);
  assert.equal(run.code, 1, run.stderr);
  const findings = run.result?.findings ?? [];
  assert.ok(findings.some((f) => f.oracle === 'cross-talk' && f.severity === 'error'), 'cross-talk');
  const shared = findings.filter((f) => f.oracle === 'shared-files');
  assert.ok(shared.length > 0, 'shared-files');
  for (const finding of shared) {
    assert.equal(finding.severity, 'error');
    assert.match(finding.title, /^\/tmp\/report-scratch\.csv /);
    assert.ok(finding.requests.length >= 2);
    assert.match(finding.evidence[0] ?? '', /wrote it while request [0-9a-f]{8} (read|wrote|read and wrote) it/);
  }
  // The report counter is a module global changed by every invocation, but per process on LMI: not reported.
  assert.ok(!findings.some((f) => f.oracle === 'module-state'));
  assert.match(run.stdout, /\/tmp\/report-scratch\.csv/);
});
