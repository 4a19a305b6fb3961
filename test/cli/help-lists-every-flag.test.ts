// test-lane: concurrent: asserts printed text.
// `bench --help` lists every flag the parser accepts, each with its default where it has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchFlags } from '../../runner/cli/commands/bench-flags.ts';
import { runBench } from './spawn-cli.ts';

test('--help lists every flag with its default and exits 0', async () => {
  const result = await runBench(['--help']);
  assert.equal(result.code, 0, result.stderr);
  for (const [name, flag] of Object.entries(benchFlags)) {
    const line = result.stdout.split('\n').find((l) => l.trimStart().startsWith(`--${name} `) || l.trim() === `--${name}`);
    assert.ok(line, `--${name} missing from --help`);
    const shownDefault = flag.defaultText ?? flag.default;
    if (shownDefault) assert.ok(line.includes(`(default: ${shownDefault})`), `--${name} shows no default: ${line}`);
  }
  assert.match(result.stdout, /--concurrency LIST .*\(default: 1,8,32,64\)/);
  assert.match(result.stdout, /--instance-type TYPE .*\(default: none: the cheapest of the architecture's m\/c\/r types at each rate\)/);
});
