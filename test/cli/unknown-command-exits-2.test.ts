// test-lane: concurrent: asserts exit codes and messages.
// A mistyped command exits 2 naming the closest commands, never read as a workload; a workload
// name or leading flags still mean `bench`, as the `npm run bench` spellings rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planFromStdout, repoRoot, runProcess } from './spawn-cli.ts';

const bin = `${repoRoot}bin/lmi-bench.mjs`;
const cli = (args: string[]): ReturnType<typeof runProcess> => runProcess(process.execPath, [bin, ...args]);

test('an unknown command exits 2 with one line naming the closest commands', async () => {
  const [typo, unrelated] = await Promise.all([cli(['benhc']), cli(['frobnicate'])]);
  assert.equal(typo.code, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, "lmi-bench: unknown command 'benhc' (did you mean bench or bench-engine?) (run lmi-bench for the list of commands)\n");
  assert.equal(unrelated.code, 2);
  assert.match(unrelated.stderr, /^lmi-bench: unknown command 'frobnicate'/);
  assert.equal(unrelated.stderr.split('\n').filter(Boolean).length, 1);
});

test('a workload name or flags first still run the bench', async () => {
  const [byName, byFlag] = await Promise.all([cli(['mixed', '--plan-only']), cli(['--workload', 'mixed', '--plan-only'])]);
  for (const result of [byName, byFlag]) {
    assert.equal(result.code, 0, result.stderr);
    assert.equal((planFromStdout(result.stdout)['workload'] as { name: string }).name, 'mixed');
  }
});
