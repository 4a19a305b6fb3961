// test-lane: concurrent: asserts error messages.
// A full disk names the file it stopped: Node's failed write says only "ENOSPC: no space left
// on device, write", and writeFileAtomic's own temp file is no name the user knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namingTarget, writeFileAtomic } from '../../runner/system/write-file-atomic.ts';
import { testTempDir } from '../temp-dir.ts';

/** The error a real full device gives (/dev/full answers every write with ENOSPC). */
function enospc(): NodeJS.ErrnoException {
  try {
    writeFileSync('/dev/full', 'x');
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error('/dev/full accepted a write');
}

test('a write that fails for lack of space names the file the caller asked for', { skip: process.platform !== 'linux' && 'needs /dev/full' }, () => {
  const error = enospc();
  assert.equal(error.code, 'ENOSPC');
  const named = namingTarget(error, '/runs/x/.run.json.1.ab.tmp', '/runs/x/run.json') as NodeJS.ErrnoException;
  assert.equal(named.code, 'ENOSPC', 'still an environment error');
  assert.match(named.message, /no space left on device.*\(writing \/runs\/x\/run\.json\)$/);
});

test('an error that already names the temp file names the target instead, once', () => {
  const error = Object.assign(new Error("ENOTDIR: not a directory, open '/a/.b.tmp'"), { code: 'ENOTDIR', path: '/a/.b.tmp' });
  const named = namingTarget(error, '/a/.b.tmp', '/a/b') as NodeJS.ErrnoException;
  assert.equal(named.message, "ENOTDIR: not a directory, open '/a/b'");
  assert.equal(named.path, '/a/b');
});

/** A 4 KiB filesystem, where mounting is allowed (root on Linux); undefined elsewhere. */
function tinyFilesystem(): string | undefined {
  const dir = testTempDir('lmi-bench-full-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

const full = process.platform === 'linux' && process.getuid?.() === 0 ? tinyFilesystem() : undefined;

test('writeFileAtomic on a full disk names the file and leaves no temp file', { skip: full === undefined && 'mounting a tiny tmpfs needs root on Linux' }, async () => {
  const dir = full as string;
  try {
    const target = join(dir, 'run.json');
    await assert.rejects(writeFileAtomic(target, 'x'.repeat(64 * 1024)), (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ENOSPC');
      assert.ok(error.message.endsWith(`(writing ${target})`), error.message);
      return true;
    });
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
