// test-lane: concurrent, long: asserts exit codes and messages.
// Bad input to check and baseline: one line on stderr, exit 2, nothing written. Built from
// the committed report fixture's shape, no load needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './support.ts';
import { inBatches } from '../cli/spawn-cli.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';

test('missing files, malformed runs, other workloads, no shared level and bad thresholds exit 2 in one line', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const write = (name: string, data: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
    return path;
  };
  const good = write('good.json', run('a', [level([logNormalMs(200, 50, 1)])]));
  const other = run('b', [level([logNormalMs(200, 50, 2)])]);
  const otherWorkload = write('other-workload.json', { ...other, workload: { ...other.workload, name: 'cpu-bound' } });
  const noShared = write('no-shared.json', { ...other, levels: other.levels.map((l) => ({ ...l, concurrency: 99 })) });
  const malformed = write('malformed.json', '{"schemaVersion": 1, "runId": ');
  const noHistogram = write('no-histogram.json', { ...other, levels: other.levels.map((l) => ({ ...l, histogram: null })) });
  const junit = join(dir, 'out.xml');
  const cases: Array<[string[], RegExp]> = [
    [['check'], /needs --baseline/],
    [['check', '--baseline', join(dir, 'missing.json'), '--candidate', good], /baseline .*missing\.json not found/],
    [['check', '--baseline', good, '--candidate', malformed, '--junit', junit], /not valid JSON/],
    [['check', '--baseline', good, '--candidate', noHistogram, '--junit', junit], /no latency histogram/],
    [['check', '--baseline', good, '--candidate', otherWorkload, '--junit', junit], /different workloads/],
    [['check', '--baseline', good, '--candidate', noShared, '--junit', junit], /share no measured level/],
    [['check', '--baseline', good, '--candidate', good, '--threshold', 'p99=ten', '--junit', junit], /--threshold expects NAME=PERCENT/],
    [['check', '--baseline', good, '--candidate', good, '--threshold', 'p42=10%'], /unknown metric 'p42'/],
    [['check', '--baseline', good, '--candidate', good, '--confidence', '2'], /--confidence must be/],
    [['check', '--baseline', good, '--candidate', good, '--junit', join(dir, 'nope', 'x.xml')], /--junit .* does not exist/],
    [['baseline', 'save', '--run', malformed, '--to', join(dir, 'b.json')], /not valid JSON/],
    [['baseline', 'load'], /unknown action 'load'/],
  ];
  // Four processes at a time: each CLI start is mostly module loading, which overlaps.
  const results = await inBatches(cases, 4, ([args]) => cli(args));
  for (const [i, [args, message]] of cases.entries()) {
    const result = results[i]!;
    assert.equal(result.code, 2, `${args.join(' ')}: exit ${result.code}\n${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  }
  assert.equal(existsSync(junit), false, 'no JUnit file from a failed check');
  assert.equal(existsSync(join(dir, 'b.json')), false);
});
