/** `lmi-bench report <run folder>`: (re)renders report.html and summary.md beside run.json. */
import { basename, dirname, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { readFlags, valueFlag } from '../flag-reader.ts';
import { parseText } from '../values.ts';

export const reportFlags = {
  run: valueFlag({ value: 'PATH', help: 'the run folder, or the path of its run.json (also the bare argument)', parse: (raw, label) => parseText(label, raw) }),
};

const help = `usage: lmi-bench report <run folder>

Renders report.html (self-contained, opens offline) and summary.md beside the run's run.json.
  <run folder>   results/<run-id>, or the path of its run.json

example: npx lmi-bench report results/2026-01-15T10-20-30Z-io-bound`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, reportFlags, { positional: 'run' });
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const target = line.values.run;
  if (target === undefined) throw new UsageError('report: give one run folder, e.g. lmi-bench report results/<run-id>');
  const runDir = basename(target) === 'run.json' ? dirname(target) : target;
  // Loaded here so that `lmi-bench report --help` does not read the vega bundles.
  const { writeReport } = await import('../../../reports/write-report.ts');
  const { htmlPath, markdownPath } = await writeReport(runDir);
  process.stdout.write(`report: ${shown(htmlPath)}\nsummary: ${shown(markdownPath)}\n`);
  return ExitCode.ok;
}

/** Relative to where the user is when that is shorter to read; absolute otherwise. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : resolve(path);
}
