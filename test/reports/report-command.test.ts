// test-lane: concurrent: asserts files written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';

const bin = new URL('../../bin/lmi-bench.mjs', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, 'report', ...args], { encoding: 'utf8', timeout: 60_000 });

test('lmi-bench report <run folder> writes report.html and summary.md and prints where', () => {
  const dir = runDirWith(buildRunFixture({ trials: 1, samplesPerTrial: 50 }));
  const result = cli(dir);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(join(dir, 'report.html')));
  assert.ok(existsSync(join(dir, 'summary.md')));
  assert.match(result.stdout, /report: .*report\.html\nsummary: .*summary\.md\n/);
});

test('the path of run.json itself is accepted too', () => {
  const dir = runDirWith(buildRunFixture({ trials: 1, samplesPerTrial: 50 }));
  assert.equal(cli(join(dir, 'run.json')).status, 0);
});

test('a missing folder or a missing argument exits 2 with one line and no stack trace', () => {
  for (const args of [['/nonexistent/run'], []]) {
    const result = cli(...args);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^lmi-bench: /);
    assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/);
  }
});
