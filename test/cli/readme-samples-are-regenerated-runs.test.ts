// test-lane: concurrent: asserts exit codes and README text of an offline, deterministic advise command; nothing about time.
/**
 * `npm run docs:samples` keeps README.md's sample outputs those of real runs: its --check finds the
 * deterministic sample (advise's what-if) current in the tracked README, finds a copy with an
 * edited figure stale (exit 1, naming the sample and the line), and rewriting that copy restores
 * the README's block. Only temporary copies are written. The bench sample's figures vary by run,
 * so its check compares shape (rows and labels), shown here on text without running a bench.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownTypeScript, repoRoot, runProcess } from './spawn-cli.ts';
import { differences, findBlock, samples, shapeOf } from '../../scripts/readme-samples.ts';
import { testTempDir } from '../temp-dir.ts';

const script = join(repoRoot, 'scripts', 'readme-samples.ts');
const samplesRun = (args: string[]) => runProcess(process.execPath, ['--import', ownTypeScript, script, ...args], { timeoutMs: 60_000 });
const advise = samples.find((s) => s.name === 'advise-what-if');

test("the tracked README's advise what-if is what the command prints now", async () => {
  const result = await samplesRun(['--check', '--only', 'advise-what-if']);
  assert.equal(result.code, 0, `${result.stdout}${result.stderr}`);
  assert.match(result.stdout, /^advise-what-if: up to date \(byte for byte\)$/m);
});

test('a stale copy fails the check with the line, and rewriting it restores the block', async () => {
  assert.ok(advise);
  const dir = testTempDir('lmi-bench-readme-samples-');
  const copy = join(dir, 'README.md');
  copyFileSync(join(repoRoot, 'README.md'), copy);
  const original = readFileSync(copy, 'utf8');
  const current = findBlock(original, advise).text;
  assert.match(current, /\$421\.02/, 'the what-if prices 3 × m7g.xlarge at $421.02');
  writeFileSync(copy, original.replace(current, current.replaceAll('$421.02', '$999.99')));

  const check = await samplesRun(['--check', '--only', 'advise-what-if', '--readme', copy]);
  assert.equal(check.code, 1, `${check.stdout}${check.stderr}`);
  assert.match(check.stdout, /^advise-what-if: stale \(byte for byte\):\n {2}line \d+: README ".*\$999\.99/m);

  const write = await samplesRun(['--only', 'advise-what-if', '--readme', copy]);
  assert.equal(write.code, 0, write.stderr);
  assert.equal(readFileSync(copy, 'utf8'), original);
});

test('a bench sample is compared by shape: new figures pass, a missing row or line fails', () => {
  const shown = [
    'mode    settings                     conc    rps  p50 ms',
    'lambda  512 MB                          1    4.9   201.5',
    'lmi     2048 MB, max 64, 2 GiB/vCPU     1    4.9   201.7',
    '',
    'verdict: LMI is cheaper above 48.9 req/s; at your traffic it saves $4.69 a month (1.9%).',
    'results: results/20261207-050408-io-bound-node',
  ].join('\n');
  const today = shown.replace('4.9   201.5', '5.1   199.8').replace('saves $4.69 a month (1.9%)', 'costs $2.10 a month more (+0.8%)').replace('050408', '061746');
  assert.deepEqual(differences(shown, today, 'shape'), []);
  assert.deepEqual(shapeOf(shown).slice(-2), ['verdict:', 'results:']);
  const rowGone = today.split('\n').filter((line) => !line.startsWith('lmi ')).join('\n');
  assert.match(differences(shown, rowGone, 'shape').join('\n'), /README "lmi # MB, max #, # GiB\/vCPU # # #"/);
  assert.notDeepEqual(differences(shown, today.replace(/^results: .*$/m, ''), 'shape'), []);
});
