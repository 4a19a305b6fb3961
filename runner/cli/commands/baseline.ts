/**
 * `lmi-bench baseline save`: records a finished run as the regression baseline that
 * `lmi-bench check --baseline` reads, by default the newest complete run under results/.
 */
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { flagText, readCommandLine, type FlagSpec } from '../args.ts';
import { readCheckRun } from '../../analysis/read-check-run.ts';
import { writeFileAtomic } from '../../system/write-file-atomic.ts';
import { runFileName } from '../../run/write-run.ts';

const flags: FlagSpec[] = [
  { name: 'run', type: 'string' },
  { name: 'to', type: 'string' },
  { name: 'results', type: 'string' },
  { name: 'help', type: 'boolean' },
];

const help = `usage: lmi-bench baseline save [--run results/<run-id>] [--to baselines/<name>.json]

Saves a complete run's run.json as a baseline for lmi-bench check --baseline.
  --run PATH      the run folder or its run.json (default: the newest run under --results)
  --results DIR   where runs are looked for (default: results)
  --to FILE       where the baseline goes (default: baselines/<workload>-<runtime>.json)`;

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h') {
    process.stdout.write(help + '\n');
    return action === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (action !== 'save') throw new UsageError(`baseline: unknown action '${action}' (lmi-bench baseline save --help)`);
  const line = readCommandLine(rest, process.env, flags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const text = (name: string): string | undefined => flagText(line.values, name);
  const source = text('run') ?? newestRun(text('results') ?? 'results');
  const run = readCheckRun(source, '--run');
  if (run.status !== 'complete') throw new UsageError(`run ${run.runId} is ${run.status}${run.reason ? ` (${run.reason})` : ''}: only a complete run can be a baseline`);
  if (!run.levels.some((level) => level.state === 'measured')) throw new UsageError(`run ${run.runId} measured no level: nothing to compare against`);
  const to = resolve(text('to') ?? join('baselines', `${run.workload.name}-${run.workload.runtime}.json`));
  if (existsSync(to) && statSync(to).isDirectory()) throw new UsageError(`--to ${to} is a folder; give a file name like baselines/${run.workload.name}.json`);
  mkdirSync(dirname(to), { recursive: true });
  await writeFileAtomic(to, JSON.stringify(run, null, 2) + '\n');
  process.stdout.write(`baseline: ${relative(process.cwd(), to) || to} (run ${run.runId}, ${run.workload.name}/${run.workload.runtime})\n`);
  return ExitCode.ok;
}

/** The newest run folder (by its run.json's modification time) under the results folder. */
function newestRun(resultsDir: string): string {
  const root = resolve(resultsDir);
  if (!existsSync(root)) throw new UsageError(`no results folder ${resultsDir}: run lmi-bench bench first, or give --run`);
  const runs = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, runFileName)))
    .map((entry) => ({ dir: join(root, entry.name), mtimeMs: statSync(join(root, entry.name, runFileName)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const newest = runs[0];
  if (!newest) throw new UsageError(`no run under ${resultsDir}: run lmi-bench bench first, or give --run`);
  return newest.dir;
}
