// `bench --help` lists every flag the parser accepts, each with its default where it has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchFlags } from '../../runner/plan/flags.ts';
import { runBench } from './spawn-cli.ts';

test('--help lists every flag with its default and exits 0', async () => {
  const result = await runBench(['--help']);
  assert.equal(result.code, 0, result.stderr);
  for (const flag of benchFlags) {
    const line = result.stdout.split('\n').find((l) => l.trimStart().startsWith(`--${flag.name} `) || l.trim() === `--${flag.name}` || l.trimStart().startsWith(`--${flag.name}  `));
    assert.ok(line, `--${flag.name} missing from --help`);
    if (flag.defaultText) assert.ok(line.includes(`(default: ${flag.defaultText})`), `--${flag.name} shows no default: ${line}`);
  }
  assert.match(result.stdout, /--concurrency LIST .*\(default: 1,8,32,64\)/);
  assert.match(result.stdout, /--instance-type TYPE .*\(default: m7g\.xlarge\)/);
});
