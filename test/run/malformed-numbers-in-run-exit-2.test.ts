// test-lane: concurrent, long: asserts exit codes and messages.
// The run.json reader checks every number the commands compute with: `trials: "x"` made report
// exit 70 (trials.map is not a function), a string latency made check exit 70 (toFixed), and
// negative counts were drawn as if measured. Each is now exit 2, one line naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { level, logNormalMs, run } from '../analysis/constructed.ts';
import { inBatches, runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

type Mutable = { levels: Array<Record<string, any>> };
const cases: Array<[string, (r: Mutable) => void, RegExp]> = [
  ['trials-x', (r) => { r.levels[0]!['trials'] = 'x'; }, /levels\[0\]\.trials must be an array/],
  ['string-latency', (r) => { r.levels[0]!['latencyMs'].p99 = 'fast'; }, /levels\[0\]\.latencyMs\.p99 must be a number ≥ 0 \(got "fast"\)/],
  ['trial-string-latency', (r) => { r.levels[0]!['trials'][1].latencyMs.p50 = '12'; }, /levels\[0\]\.trials\[1\]\.latencyMs\.p50 must be a number ≥ 0/],
  ['negative-ok', (r) => { r.levels[0]!['requests'].ok = -5; }, /levels\[0\]\.requests\.ok must be a number ≥ 0 \(got -5\)/],
  ['negative-concurrency', (r) => { r.levels[0]!['concurrency'] = -3; }, /levels\[0\]\.concurrency must be a number ≥ 0/],
  ['negative-throughput', (r) => { r.levels[0]!['throughputRps'] = -1; }, /levels\[0\]\.throughputRps must be a number ≥ 0/],
];

test('report, check and baseline refuse malformed numbers in run.json with exit 2 and one line', { timeout: 120_000 }, async () => {
  const root = testTempDir('lmi-bench-malformed-run-');
  try {
    const good = run('r1', [level([logNormalMs(100, 50, 1), logNormalMs(100, 50, 2)])]);
    const goodPath = join(root, 'good.json');
    writeFileSync(goodPath, JSON.stringify(good));
    const runs: Array<{ what: string; args: string[]; message: RegExp }> = [];
    for (const [label, mutate, message] of cases) {
      const bad = JSON.parse(JSON.stringify(good)) as Mutable;
      mutate(bad);
      const dir = join(root, label);
      mkdirSync(dir);
      writeFileSync(join(dir, 'run.json'), JSON.stringify(bad));
      const commands = [['report', dir], ['check', '--baseline', goodPath, '--candidate', dir], ['baseline', 'save', '--run', dir, '--to', join(root, 'b.json')]];
      for (const args of commands) runs.push({ what: `${label}: ${args[0]}`, args, message });
    }
    // Four processes at a time: each CLI start is mostly module loading, which overlaps.
    const results = await inBatches(runs, 4, ({ args }) => runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args]));
    for (const [i, { what, message }] of runs.entries()) {
      const result = results[i]!;
      assert.equal(result.code, 2, `${what}: exit ${result.code}\n${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: ${result.stderr}`);
      assert.match(result.stderr, message, what);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
