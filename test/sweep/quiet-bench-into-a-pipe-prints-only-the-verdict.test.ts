// test-lane: concurrent: asserts the exit code and what stdout and stderr hold, nothing about time.
// bench --quiet in a log or a pipe: stdout keeps the verdict and the paths alone (no table), stderr
// gets nothing, not even the heartbeat a terminal would show (quiet-shows-only-a-heartbeat-of-long-phases.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../cost/helpers/cli.ts';
import { testTempDir } from '../temp-dir.ts';

test('bench --quiet into a pipe: stdout has the verdict and paths, stderr nothing', { timeout: 120_000 }, async () => {
  const out = testTempDir('lmi-bench-quiet-');
  const result = await runCli(['bench', '--quiet', '--offline', '--concurrency', '1', '--duration', '1', '--warmup', '0', '--out', out, '--run-id', 'quiet']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^verdict: /m);
  assert.doesNotMatch(result.stdout, /^mode\s+settings/m, 'no table');
  assert.match(result.stdout, /^results: /m);
});
