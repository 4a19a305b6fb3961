// A bare `lmi-bench` prints every command with an example and exits 0 at once: it starts no
// benchmark and does not even load the TypeScript toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandList } from '../../runner/cli/usage.mjs';
import { repoRoot, runProcess } from './spawn-cli.ts';

const bin = `${repoRoot}bin/lmi-bench.mjs`;
const cli = (args: string[]): ReturnType<typeof runProcess> => runProcess(process.execPath, [bin, ...args]);

test('bare lmi-bench prints the usage with one example per command and exits 0 in under a second', async () => {
  // Best of three: the machine may be busy, the claim is about what the command does.
  const timings: number[] = [];
  let last: Awaited<ReturnType<typeof cli>> | undefined;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    last = await cli([]);
    timings.push(performance.now() - started);
  }
  assert.ok(last);
  assert.equal(last.code, 0, last.stderr);
  assert.equal(last.stderr, '');
  for (const command of commandList) {
    assert.match(last.stdout, new RegExp(`^  ${command.name} +${command.summary.replace(/[()|]/g, '\\$&')}$`, 'm'), command.name);
    assert.ok(last.stdout.includes(`e.g. ${command.example}`), `example of ${command.name}`);
  }
  assert.ok(Math.min(...timings) < 1000, `bare lmi-bench took ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
});
