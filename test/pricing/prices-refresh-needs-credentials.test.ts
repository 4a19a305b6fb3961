// test-lane: concurrent: asserts a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testTempDir } from '../temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const metadataPath = join(root, 'data/price-snapshot/metadata.json');

test('prices-refresh without AWS credentials exits 2 with one line and leaves the snapshot as it was', () => {
  const before = readFileSync(metadataPath, 'utf8');
  const home = testTempDir('lmi-bench-nohome-');
  const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'prices-refresh'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 2);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /^lmi-bench: prices-refresh needs AWS credentials .* the committed snapshot is unchanged$/);
  assert.equal(result.stdout, '');
  assert.equal(readFileSync(metadataPath, 'utf8'), before);
});
