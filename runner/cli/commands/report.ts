/** `lmi-bench report <run folder>`: (re)renders report.html and summary.md beside run.json. */
import { basename, dirname, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';

const help = `usage: lmi-bench report <run folder>

Renders report.html (self-contained, opens offline) and summary.md beside the run's run.json.
  <run folder>   results/<run-id>, or the path of its run.json

example: npx lmi-bench report results/2026-01-15T10-20-30Z-io-bound`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const unknown = argv.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`report: unknown option ${unknown} (lmi-bench report --help)`);
  if (argv.length !== 1 || !argv[0]) throw new UsageError('report: give exactly one run folder, e.g. lmi-bench report results/<run-id>');
  const target = argv[0];
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
