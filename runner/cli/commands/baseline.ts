/**
 * `lmi-bench baseline save`: records a finished run as the regression baseline that
 * `lmi-bench check --baseline` reads, by default the newest complete run under results/.
 */
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseText } from '../values.ts';
import { readRunFile } from '../../run/read-run.ts';
import { writeFileAtomic } from '../../system/write-file-atomic.ts';
import { runFileName } from '../../run/read-run.ts';
import { workloadNameProblem } from '../../workload/name.ts';

export const baselineFlags = {
  run: valueFlag({ value: 'PATH', help: 'the run folder or its run.json', defaultText: 'the newest run under --results', parse: (raw, label) => parseText(label, raw) }),
  results: valueFlag({ value: 'DIR', help: 'where runs are looked for', default: 'results', parse: (raw, label) => parseText(label, raw) }),
  to: valueFlag({ value: 'FILE', help: 'where the baseline goes', defaultText: 'baselines/<workload>-<runtime>.json', parse: (raw, label) => parseText(label, raw) }),
};

const help = `usage: lmi-bench baseline save [--run results/<run-id>] [--to baselines/<name>.json]

Saves a complete run's run.json as a baseline for lmi-bench check --baseline.
${flagHelp(baselineFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h') {
    process.stdout.write(help + '\n');
    return action === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (action !== 'save') throw new UsageError(`baseline: unknown action '${action}' (lmi-bench baseline save --help)`);
  const line = readFlags(rest, baselineFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const { values } = line;
  const source = values.run ?? newestRun(values.results);
  const run = readRunFile(source, { label: '--run', requireHistograms: true });
  if (run.status !== 'complete') throw new UsageError(`run ${run.runId} is ${run.status}${run.reason ? ` (${run.reason})` : ''}: only a complete run can be a baseline`);
  if (!run.levels.some((level) => level.state === 'measured')) throw new UsageError(`run ${run.runId} measured no level: nothing to compare against`);
  const to = resolve(values.to ?? defaultBaselinePath(run.workload.name, run.workload.runtime));
  if (existsSync(to) && statSync(to).isDirectory()) throw new UsageError(`--to ${to} is a folder; give a file name like baselines/<name>.json`);
  mkdirSync(dirname(to), { recursive: true });
  await writeFileAtomic(to, JSON.stringify(run, null, 2) + '\n');
  process.stdout.write(`baseline: ${relative(process.cwd(), to) || to} (run ${run.runId}, ${run.workload.name}/${run.workload.runtime})\n`);
  return ExitCode.ok;
}

/**
 * baselines/<name>-<runtime>.json, from names read out of a file the user may not have
 * written: each is checked as a workload name before it becomes part of a path, and the
 * result must still lie inside baselines/, so a name like `../../tmp/x` writes nothing.
 */
function defaultBaselinePath(name: string, runtime: string): string {
  for (const [field, value] of [['workload.name', name], ['workload.runtime', runtime]] as const) {
    const problem = workloadNameProblem(value);
    if (problem !== undefined) throw new UsageError(`the run's ${field} ${problem}, so it cannot name a baseline file: give --to baselines/<name>.json`);
  }
  const folder = resolve('baselines');
  const path = resolve(folder, `${name}-${runtime}.json`);
  if (dirname(path) !== folder) throw new UsageError(`the run's workload name does not make a file inside baselines/: give --to baselines/<name>.json`);
  return path;
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
