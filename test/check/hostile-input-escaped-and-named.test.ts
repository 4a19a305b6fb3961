// check with hostile or broken input: a workload name with markup is escaped in the Markdown
// on stdout and in $GITHUB_STEP_SUMMARY (as summary.md escapes it), never rendered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './support.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';

const hostileName = '<img src=x onerror=alert(1)> **pwned** [click](https://evil.example) | col';

function hostileRun(id: string, seed: number): unknown {
  const base = run(id, [level([logNormalMs(200, 50, seed)])]);
  return { ...base, workload: { ...base.workload, name: hostileName } };
}

test('the workload name is escaped in the Markdown on stdout and in $GITHUB_STEP_SUMMARY', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const baseline = join(dir, 'baseline.json');
  const candidate = join(dir, 'candidate.json');
  writeFileSync(baseline, JSON.stringify(hostileRun('a', 1)));
  writeFileSync(candidate, JSON.stringify(hostileRun('b', 2)));
  const summary = join(dir, 'step-summary.md');
  writeFileSync(summary, '');
  const result = await cli(['check', '--baseline', baseline, '--candidate', candidate], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(result.code, 0, result.stderr);
  for (const [where, markdown] of [['stdout', result.stdout], ['step summary', readFileSync(summary, 'utf8')]] as const) {
    const heading = markdown.split('\n').find((line) => line.startsWith('## lmi-bench check: ')) ?? '';
    assert.ok(heading, `${where}: no heading in\n${markdown}`);
    assert.ok(heading.includes('&lt;img src=x onerror=alert(1)&gt; \\*\\*pwned\\*\\* \\[click\\](https://evil.example) \\| col'), `${where}: ${heading}`);
    assert.doesNotMatch(markdown, /<img/, `${where}: raw markup`);
    assert.doesNotMatch(markdown, /[^\\]\*\*pwned/, `${where}: emphasis not escaped`);
  }
});
