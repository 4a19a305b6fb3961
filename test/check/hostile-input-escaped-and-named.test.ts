// test-lane: concurrent: asserts escaping and the files written.
// check with hostile or broken input: a workload name with markup is escaped in the Markdown
// on stdout and in $GITHUB_STEP_SUMMARY (as summary.md escapes it), never rendered; an output
// path that cannot be written is named as the user gave it (never our temp file), before any
// work is done; a corrupted histogram is named with its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './support.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';
import { writeFileAtomic } from '../../runner/system/write-file-atomic.ts';

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

test('an unwritable --junit or --json path is one line naming that path, and nothing is written', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const runPath = join(dir, 'run.json');
  writeFileSync(runPath, JSON.stringify(hostileRun('a', 1)));
  const aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'not a folder');
  const aFolder = join(dir, 'a-folder');
  mkdirSync(aFolder);
  const cases: Array<[string[], RegExp]> = [
    [['--junit', join(aFile, 'out.xml')], new RegExp(`^lmi-bench: --junit ${join(aFile, 'out.xml')}: ${aFile} is a file, not a folder$`)],
    [['--json', aFolder], new RegExp(`^lmi-bench: --json ${aFolder} is a folder: give a file name$`)],
  ];
  for (const [args, message] of cases) {
    const result = await cli(['check', '--baseline', runPath, '--candidate', runPath, ...args]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '', 'it stopped before comparing');
    assert.match(result.stderr.trimEnd(), message);
    assert.doesNotMatch(result.stderr, /\.tmp/);
  }
  assert.deepEqual(readdirSync(dir).sort(), ['a-file', 'a-folder', 'run.json']);
  assert.deepEqual(readdirSync(aFolder), []);
});

test('a write that fails after the checks names the target path, not the temp file, and keeps the code', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a-file'), '');
  const target = join(dir, 'a-file', 'report.xml');
  await assert.rejects(writeFileAtomic(target, '<testsuite/>'), (error: NodeJS.ErrnoException) => {
    assert.equal(error.code, 'ENOTDIR');
    assert.ok(error.message.includes(target), error.message);
    assert.doesNotMatch(error.message, /\.tmp/);
    return true;
  });
});

test('a corrupted histogram in the candidate is one line naming the file and the histogram', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify(hostileRun('a', 1)));
  const corrupted = run('b', [level([logNormalMs(200, 50, 2)])]);
  const trial = corrupted.levels[0]?.state === 'measured' ? corrupted.levels[0].trials[0] : undefined;
  assert.ok(trial);
  trial.histogram = { ...trial.histogram, data: 'HISTFAAAA!!!not-base64' };
  const bad = join(dir, 'corrupted.json');
  writeFileSync(bad, JSON.stringify(corrupted));
  const result = await cli(['check', '--baseline', good, '--candidate', bad]);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  assert.ok(result.stderr.includes(`${bad} is not a valid lmi-bench run: levels[0].trials[0].histogram is corrupted (`), result.stderr);
});
