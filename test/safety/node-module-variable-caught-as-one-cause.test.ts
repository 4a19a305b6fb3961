// test-lane: concurrent: asserts findings.
// A Node handler keeping the signed-in user in a module-level `let currentUser` (not on
// globalThis) is caught: the module variable is read from the handler's own scope, every
// cross-talk and differential finding it causes is grouped under it, and the summary shows that
// one cause with its count and one example, while --json keeps every finding. The same rule
// on a handler whose only module state is frozen configuration finds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFindings } from '../../runner/safety/finding-groups.ts';
import { runSafetyCli, safetyFixtures } from './cli.ts';

test('module-level let currentUser: 100+ findings, one cause with its count, the list in --json only', { timeout: 180_000 }, async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}profile-current-user`, '--concurrency', '32', '--rounds', '6', '--seed', '3']);
  assert.equal(run.code, 1, run.stderr);
  const result = run.result;
  assert.ok(result);
  const findings = result.findings;
  assert.ok(findings.length >= 100, `${findings.length} findings`);
  assert.ok(findings.some((f) => f.oracle === 'module-state' && f.severity === 'warning' && f.title.startsWith('module.currentUser changed during')), 'the variable itself is a module-state finding');

  const groups = groupFindings(findings);
  assert.equal(groups.length, 1, groups.map((g) => `${g.cause}: ${g.count}`).join('\n'));
  const [group] = groups;
  assert.equal(group?.cause, 'module.currentUser');
  assert.equal(group?.count, findings.length);
  assert.equal(group?.severity, 'error');

  // The summary: one numbered cause with the count, one example, and no list of every finding.
  const causes = run.stdout.split('\n').filter((line) => /^\d+\. /.test(line));
  assert.deepEqual(causes.length, 1, causes.join('\n'));
  assert.match(causes[0] ?? '', new RegExp(`^1\\. \\*\\*module\\.currentUser\\*\\* \\(error\\): ${findings.length} findings \\(\\d+ cross-talk, \\d+ differential, 1 module-state\\)`));
  assert.equal(run.stdout.split('\n').filter((line) => line.trimStart().startsWith('e.g. ')).length, 1, 'one example');
  assert.ok(run.stdout.split('\n').length < 40, `${run.stdout.split('\n').length} lines`);
  assert.match(run.stdout, /Every finding, with its requests and evidence, is in the --json result/);
});

test('module state that is only read (frozen configuration): no finding', { timeout: 180_000 }, async () => {
  const run = await runSafetyCli(['--workload', `${safetyFixtures}order-safe`, '--concurrency', '16', '--rounds', '4', '--seed', '3']);
  assert.equal(run.code, 0, run.stdout.slice(0, 2000));
  assert.deepEqual(run.result?.findings, []);
});
