// test-lane: concurrent: asserts refusals.
// A workload name is printed, written into Markdown summaries and made into file names: one
// with terminal escapes, or 8,000 characters long, is refused before anything is measured, in
// one line that does not echo it. A run.json whose names hold control characters is refused by
// the commands that print them, and Markdown cells never carry a control character raw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { escapeMarkdown } from '../../runner/system/escape.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';
import { testTempDir } from '../temp-dir.ts';

const escapes = 'evil\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\rlmi-bench: all good';
const names: Array<[string, string]> = [
  ['escapes', escapes],
  ['long', 'n'.repeat(8000)],
  ['slash', '../../../tmp/x'],
  ['newline', 'a\nlmi-bench: forged line'],
];

function workloadFolder(root: string, label: string, name: string): string {
  const dir = join(root, label);
  mkdirSync(join(dir, 'node'), { recursive: true });
  writeFileSync(join(dir, 'node', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "ok" });\n');
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name, kind: 'io', memoryMb: 256, runtimes: { node: { handler: 'node/index.handler' } } }));
  return dir;
}

function assertOneCleanLine(result: { code: number | null; stdout: string; stderr: string }, what: string): void {
  assert.equal(result.code, 2, `${what}: exit ${result.code}\n${result.stderr.slice(0, 400)}`);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `${what}: ${result.stderr.slice(0, 400)}`);
  assert.ok((lines[0] ?? '').length < 300, `${what}: a ${lines[0]?.length}-character line`);
  assert.doesNotMatch(result.stderr + result.stdout, /[\u0000-\u0009\u000b-\u001f\u007f]/, `${what}: a control character reached the terminal`);
}

test('bench and safety refuse a hostile workload name before starting, in one short line', { timeout: 120_000 }, async () => {
  const root = testTempDir('lmi-bench-names-');
  try {
    for (const [label, name] of names) {
      const dir = workloadFolder(root, label, name);
      const bench = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--workload', dir, '--plan-only', '--out', join(root, 'results')]);
      assertOneCleanLine(bench, `bench ${label}`);
      assert.match(bench.stderr, /"name" (is \d+ characters long|may hold only)/, label);
      const started = Date.now();
      const safety = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'safety', '--workload', dir, '--out', join(root, 'safety')]);
      assertOneCleanLine(safety, `safety ${label}`);
      assert.ok(Date.now() - started < 15_000, `safety ${label} worked before refusing`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('report and check refuse a run.json whose names hold control characters', { timeout: 60_000 }, async () => {
  const root = testTempDir('lmi-bench-names-');
  try {
    const good = run('r1', [level([logNormalMs(100, 50, 1)])]);
    const path = join(root, 'run.json');
    writeFileSync(path, JSON.stringify({ ...good, workload: { ...good.workload, name: escapes } }));
    const report = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'report', path]);
    assertOneCleanLine(report, 'report');
    assert.match(report.stderr, /workload\.name holds control characters/);
    const check = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'check', '--baseline', path, '--candidate', path]);
    assertOneCleanLine(check, 'check');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a Markdown cell shows control characters as visible escapes', () => {
  const cell = escapeMarkdown(escapes);
  assert.doesNotMatch(cell, /[\u0000-\u001f\u007f-\u009f]/);
  assert.match(cell, /\\\\x1b\\\]0;pwned\\\\x07/);
});
