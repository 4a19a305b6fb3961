// test-lane: concurrent: asserts exit 2 and the one line; its time bound (15 s) catches a hang, not a slow run.
// Files the user names are read only when they are regular files, and only up to a limit:
// /dev/zero (endless) and a FIFO (blocks until written) as workload.json, --event @FILE,
// --events, a traffic CSV or a run.json each hung the command forever. Each is now one line,
// exit 2, within seconds, and no FIFO is ever opened for a blocking read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { inBatches, runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

test('/dev/zero and a FIFO are refused wherever a file is read, in one line and quickly', { timeout: 120_000 }, async () => {
  const root = testTempDir('lmi-bench-special-files-');
  try {
    const fifo = join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const zeroWorkload = join(root, 'zero-workload');
    mkdirSync(zeroWorkload);
    symlinkSync('/dev/zero', join(zeroWorkload, 'workload.json'));
    const fifoWorkload = join(root, 'fifo-workload');
    mkdirSync(fifoWorkload);
    symlinkSync(fifo, join(fifoWorkload, 'workload.json'));
    const out = join(root, 'results');
    const cases: Array<[string[], RegExp]> = [
      [['bench', '--workload', zeroWorkload, '--plan-only', '--out', out], /workload\.json is a character device, not a regular file/],
      [['bench', '--workload', fifoWorkload, '--plan-only', '--out', out], /workload\.json is a FIFO, not a regular file/],
      [['bench', '--event', '@/dev/zero', '--plan-only', '--out', out], /--event file \/dev\/zero is a character device, not a regular file/],
      [['bench', '--event', `@${fifo}`, '--plan-only', '--out', out], /--event file .*fifo is a FIFO, not a regular file/],
      [['safety', '--workload', 'io-bound', '--events', '/dev/zero', '--out', join(root, 'safety')], /--events \/dev\/zero is a character device/],
      [['safety', '--workload', 'io-bound', '--events', fifo, '--out', join(root, 'safety')], /--events .*fifo is a FIFO/],
      [['bench', '--traffic', `csv:${fifo}`, '--plan-only', '--out', out], /profile CSV .*fifo.* is a FIFO/],
      [['report', fifo], /fifo is a FIFO, not a regular file/],
    ];
    const results = await inBatches(cases, 2, ([args]) => {
      const started = Date.now();
      return runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args], { timeoutMs: 30_000 }).then((r) => ({ ...r, elapsedMs: Date.now() - started }));
    });
    results.forEach((result, i) => {
      const [args, message] = cases[i] ?? [[], /never/];
      const what = args.join(' ');
      assert.equal(result.code, 2, `${what}: exit ${result.code} after ${result.elapsedMs} ms\n${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: ${result.stderr}`);
      assert.match(result.stderr, message, what);
      assert.ok(result.elapsedMs < 15_000, `${what}: took ${result.elapsedMs} ms`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
