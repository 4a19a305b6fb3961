// test-lane: concurrent: asserts the exit code, the stderr line and the folders left, nothing about time.
// Ctrl-C or SIGTERM during `safety` ends it at once (exit 130) and leaves no empty
// lmi-bench-safety-* record folder behind in the temporary directory: it used to, because the
// signal ended the process before the run's `finally` could remove it. The child gets a
// TMPDIR of its own, so what it leaves is told apart from other runs on the machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot } from '../cli/spawn-cli.ts';
import { tempDir } from './cli.ts';

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during safety exits 130 and removes its record folder`, { timeout: 90_000 }, async () => {
    const tmp = tempDir('safety-tmpdir');
    const out = tempDir('safety-out');
    const child = spawn(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'safety', '--workload', 'io-bound', '--concurrency', '4', '--rounds', '50', '--out', join(out, 'results')], {
      env: cleanEnv({ TMPDIR: tmp }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // The record folder exists from the first progress line on.
        if (/running each of/.test(stderr) && child.exitCode === null && !child.killed) child.kill(signal);
      });
      child.on('close', (exitCode) => resolve(exitCode));
    });
    assert.equal(code, 130, stderr);
    assert.match(stderr, /lmi-bench safety: interrupted/);
    assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('lmi-bench-safety-')), [], `left in ${tmp}`);
  });
}
