// test-lane: concurrent: asserts findings and files written.
// JUnit XML has one testcase per oracle; the Markdown summary names each cause of findings with
// its count and an example, and the seed (on stdout and appended to $GITHUB_STEP_SUMMARY).
// Warnings alone exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oracleNames } from '../../runner/safety/findings.ts';
import { groupFindings } from '../../runner/safety/finding-groups.ts';
import { readLatestSafety, safetyCheckLine } from '../../runner/safety/latest-result.ts';
import { quick, runSafetyCli, safetyFixtures, tempDir } from './cli.ts';

test('globals and un-awaited work: warnings only, exit 0; JUnit one testcase per oracle; Markdown names every cause and the seed', async () => {
  const dir = tempDir('safety-junit');
  const summary = join(dir, 'step-summary.md');
  const junit = join(dir, 'safety.xml');
  writeFileSync(summary, '# earlier step\n');
  const ok = await runSafetyCli(['--workload', `${safetyFixtures}order-audit-trail`, ...quick, '--seed', '99', '--junit', junit], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(ok.code, 0, ok.stderr);
  const result = ok.result;
  assert.ok(result);
  assert.equal(result.counts.errors, 0);
  const titles = result.findings.map((f) => `${f.oracle}: ${f.title}`);
  assert.ok(titles.some((t) => t.startsWith('module-state: globalThis.lastOrderAt changed during 14 of 14 invocations')), titles.join('\n'));
  assert.ok(titles.some((t) => t.startsWith('module-state: process.env.LAST_REQUEST_ID changed')));
  assert.ok(titles.some((t) => t.startsWith('outliving-work: 14 timers still pending')), titles.join('\n'));

  const xml = readFileSync(junit, 'utf8');
  const cases = [...xml.matchAll(/<testcase classname="[^"]+" name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(cases, [...oracleNames]);
  assert.match(xml, /tests="5" failures="0"/);
  assert.match(xml, /globalThis\.lastOrderAt changed/);

  for (const markdown of [ok.stdout, readFileSync(summary, 'utf8')]) {
    assert.match(markdown, /Seed \*\*99\*\*: `lmi-bench safety --workload \S+order-audit-trail --runtime node --concurrency 8 --rounds 3 --seed 99`/);
    for (const group of groupFindings(result.findings)) {
      assert.ok(markdown.includes(`**${group.cause}** (warning): ${group.count} finding`), `names: ${group.cause}`);
      assert.ok(markdown.includes(group.example.title), `an example of: ${group.cause}`);
    }
  }
  assert.match(readFileSync(summary, 'utf8'), /^# earlier step\n## lmi-bench safety/, 'appended, not overwritten');

  // Where a report or advise reads the count.
  const check = readLatestSafety(join(ok.dir, 'results'), 'order-audit-trail', 'node');
  assert.equal(check?.findings, result.findings.length);
  assert.match(safetyCheckLine(check), new RegExp(`^checked with \`lmi-bench safety\`: ${result.findings.length} findings \\(0 errors, ${result.findings.length} warnings\\), seed 99`));
});
