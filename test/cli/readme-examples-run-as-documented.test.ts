// test-lane: concurrent, long: asserts exit codes and files written.
/**
 * README.md's commands work as it says: every flag a README command or Commands-table row uses
 * is one its command's --help lists (a flag the CLI refuses, like the old --discount, counts as
 * unknown), and every command that needs no AWS account, no placeholder filled in and no install
 * runs and exits 0: offline, with short durations, its output in a temporary folder. The first
 * bench example measures for real (1 s per level, one level); later bench spellings run with
 * --plan-only, which parses every flag the same way; bench-engine runs every row for 1 s with no
 * warm-up. The advise what-if prints what the README shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, inBatches, repoRoot, runProcess, type Finished } from './spawn-cli.ts';
import { flagsOf, readReadme, type ReadmeCommand } from './readme-commands.ts';
import { testTempDir } from '../temp-dir.ts';

const { commands, rows } = readReadme(repoRoot);
const cli = join(repoRoot, 'bin', 'lmi-bench.mjs');

/** Why a README command is not run here; undefined when it is. */
function notRunBecause(command: ReadmeCommand): string | undefined {
  if (/<|\bR\b|FILE|NAME|my-fn|my-sso/.test(command.text)) return 'a placeholder to fill in';
  if (/--target aws|--function|--all-functions|cloudwatch:|--profile|prices:refresh|prices-refresh/.test(command.text)) return 'needs an AWS account';
  if (command.npm && (command.argv[0] === 'ci' || command.argv[0] === 'test')) return 'installs, or is this suite';
  // Scripts that are not lmi-bench commands (packing, screenshots of tracked files): that they exist is checked by the parse.
  if (command.npm && command.command.length === 0) return 'an npm script that runs no lmi-bench command';
  if (command.command[0] === 'engine') return 'serves until stopped';
  return undefined;
}

const helps = new Map<string, Promise<Set<string>>>();
/** The flags `lmi-bench <command> --help` lists, without those it only names to refuse. */
function knownFlags(command: string[]): Promise<Set<string>> {
  const key = command.join(' ');
  let known = helps.get(key);
  if (!known) {
    known = runProcess(process.execPath, [cli, ...command, '--help']).then((help) => {
      assert.equal(help.code, 0, `lmi-bench ${key} --help: ${help.stderr}`);
      const flags = help.stdout
        .split('\n')
        .filter((line) => /^\s+--[a-z]/.test(line) && !line.includes('(default: refused)'))
        .map((line) => line.trim().split(/\s+/)[0] as string);
      return new Set(flags);
    });
    helps.set(key, known);
  }
  return known;
}

function appendArgs(command: ReadmeCommand, extra: string[]): string[] {
  if (!command.npm) return [cli, ...command.argv, ...extra];
  return [...command.argv, ...(command.argv.includes('--') ? [] : ['--']), ...extra];
}

function run(command: ReadmeCommand, extra: string[], timeoutMs = 180_000): Promise<Finished> {
  const argv = appendArgs(command, extra);
  return command.npm ? runProcess('npm', argv, { env: cleanEnv(), timeoutMs }) : runProcess(process.execPath, argv, { env: cleanEnv(), timeoutMs });
}

test('the README shows the commands this test checks (its parse is not empty)', () => {
  const texts = commands.map((c) => c.text);
  assert.ok(texts.includes('npm run bench --workload io-bound'), 'the main job, at the top');
  assert.ok(texts.some((t) => t.startsWith('cost lmi ')), "the Commands table's cost example");
  assert.ok(rows.some((r) => r.row.startsWith('`bench`') && r.flags.includes('--concurrency')), "the bench row's flags");
});

test('every flag of a README command or Commands-table row is one its command accepts', async () => {
  const unknown: string[] = [];
  const checked = commands.filter((c) => c.command.length > 0 && !c.command.some((w) => w.includes('<') || w.includes('|')));
  // Every --help once, two at a time: their start-ups overlap on 2 cores.
  await inBatches([...new Set([...checked, ...rows.flatMap((r) => r.commands.map((command) => ({ command })))].map((c) => c.command.join(' ')))], 2, (key) => knownFlags(key.split(' ')));
  for (const command of checked) {
    const known = await knownFlags(command.command);
    for (const flag of flagsOf(command.argv)) if (!known.has(flag) && !command.command.includes(flag)) unknown.push(`${flag} in \`${command.text}\` (lmi-bench ${command.command.join(' ')})`);
  }
  for (const row of rows) {
    const known = new Set<string>();
    for (const command of row.commands) for (const flag of await knownFlags(command)) known.add(flag);
    for (const flag of row.flags) if (!known.has(flag)) unknown.push(`${flag} in the Commands row ${row.row} (lmi-bench ${row.commands.map((c) => c.join(' ')).join(', ')})`);
  }
  assert.deepEqual(unknown, [], 'README flags the CLI does not accept');
});

test('every README command that needs no AWS account runs offline and exits 0', async () => {
  const out = testTempDir('lmi-bench-readme-');
  try {
    const seen = new Set<string>();
    const runnable = commands.filter((c) => notRunBecause(c) === undefined && !seen.has(c.text) && seen.add(c.text));
    let measured = false;
    // Each command's arguments first (the first bench example is the measured one), then the runs
    // two at a time, the long bench-engine first: they overlap instead of following each other.
    const planned: Array<{ command: ReadmeCommand; extra: string[]; outDir?: string }> = [];
    for (const command of runnable) {
      const known = command.command.length > 0 ? await knownFlags(command.command) : new Set<string>();
      const extra = known.has('--offline') && !command.argv.includes('--offline') ? ['--offline'] : [];
      if (command.command[0] === 'bench') {
        const outDir = join(out, `run-${planned.length}`);
        // The first bench example is measured, shortly; the other spellings are planned.
        const short = measured ? ['--plan-only'] : ['--concurrency', '1', '--duration', '1', '--warmup', '0', '--trials', '1', '--run-id', 'readme'];
        measured = true;
        planned.push({ command, extra: [...extra, ...short, '--out', outDir], outDir: short[0] === '--plan-only' ? undefined : outDir });
      } else if (command.command[0] === 'bench-engine') {
        // Every row runs, 1 s each and with no warm-up: the figures are not what this asserts.
        planned.push({ command, extra: ['--duration', '1', '--concurrency', '4', '--warmup', '0'] });
      } else {
        planned.push({ command, extra });
      }
    }
    const longFirst = [...planned.filter((p) => p.command.command[0] === 'bench-engine'), ...planned.filter((p) => p.command.command[0] !== 'bench-engine')];
    const results = await inBatches(longFirst, 2, async ({ command, extra, outDir }) => {
      const startedAt = performance.now();
      const result = await run(command, extra);
      console.log(`${((performance.now() - startedAt) / 1000).toFixed(1)} s  ${command.text}`);
      return { command, result, outDir };
    });
    assert.ok(results.length >= 6, `${results.length} README commands ran`);
    for (const { command, result, outDir } of results) {
      assert.equal(result.code, 0, `\`${command.text}\` exited ${result.code}: ${result.stderr.trim().split('\n').at(-1)}`);
      if (outDir) {
        // The README: the run's table, its verdict, then report.html, summary.md and run.json.
        for (const file of ['report.html', 'summary.md', 'run.json']) assert.ok(existsSync(join(outDir, 'readme', file)), `\`${command.text}\` wrote ${file}`);
        assert.match(result.stdout, /^verdict: /m);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("the advise what-if prints the README's example output", async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const whatIf = commands.find((c) => c.command[0] === 'advise' && c.argv.includes('--requests-per-month'));
  assert.ok(whatIf, 'the README has the advise what-if');
  const intro = /The what-if with `([^`]+)` prints[^\n]*\n\n(?:<!-- sample: [\w-]+ -->\n)?```text\n([\s\S]*?)```/.exec(readme);
  assert.ok(intro, 'the README shows what the what-if prints');
  const [, extraFlags, shown] = intro as unknown as [string, string, string];
  const result = await run(whatIf, extraFlags.split(/\s+/));
  assert.equal(result.code, 0, result.stderr);
  const printed = new Set(result.stdout.split('\n').map((line) => line.trimEnd()));
  const missing = shown.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '' && !printed.has(line));
  assert.deepEqual(missing, [], 'lines the README shows that advise does not print');
});
