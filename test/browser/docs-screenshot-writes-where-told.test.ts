// test-lane: concurrent: asserts the file written.
/**
 * `npm run docs:screenshot` writes the README's picture of a real run's report where it is told
 * (--out): a PNG the width of the page, from the top to the bottom of the cost chart. Run into a
 * temporary folder, so the tracked docs/report.png is never touched by a test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from './browser.ts';
import { testTempDir } from '../temp-dir.ts';
import { ownTypeScript } from '../cli/spawn-cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after its 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('docs:screenshot writes the report picture to --out and leaves docs/report.png alone', { skip: skipReason, timeout: 180_000 }, () => {
  const tracked = join(root, 'docs/report.png');
  const trackedBefore = statSync(tracked).mtimeMs;
  const dir = testTempDir('lmi-bench-docs-screenshot-');
  try {
    const out = join(dir, 'report.png');
    const run = spawnSync(process.execPath, ['--import', ownTypeScript, 'scripts/docs-screenshot.ts', '--out', out], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    assert.equal(run.status, 0, run.stderr);
    const printed = /wrote .* \((\d+) × (\d+) px\)/.exec(run.stdout);
    assert.ok(printed, run.stdout);
    const size = pngSize(readFileSync(out));
    // The page is 1200 px wide, and the verdict plus the cost chart are several hundred px tall.
    assert.equal(size.width, 1200);
    assert.equal(size.height, Number(printed[2]));
    assert.ok(size.height > 500, `height ${size.height}`);
    assert.equal(statSync(tracked).mtimeMs, trackedBefore, 'docs/report.png untouched');

    const bad = spawnSync(process.execPath, ['--import', ownTypeScript, 'scripts/docs-screenshot.ts', '--outt', out], { cwd: root, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^docs:screenshot: unknown flag --outt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
