/**
 * The commands README.md shows: every line of its `sh` blocks, every inline `lmi-bench …`,
 * `npx lmi-bench …` or `npm run …` span, and in the Commands table every span that starts with
 * a command name (`cost lmi …`) plus the flags the row names alone (`--runtime python`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReadmeCommand {
  /** As the README writes it (optional `[--flag value]` parts unwrapped). */
  text: string;
  /** The lmi-bench command and subcommand whose --help must list every flag of `text`. */
  command: string[];
  /** Arguments for bin/lmi-bench.mjs, or for npm when `npm` is set. */
  argv: string[];
  npm: boolean;
}

/** A table row's flags given alone, checked against the helps of the commands the row names. */
export interface RowFlags {
  row: string;
  commands: string[][];
  flags: string[];
}

/** package.json's scripts: the lmi-bench command each runs, or [] for one that runs something else. */
function npmScripts(): Record<string, string[]> {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  return Object.fromEntries(Object.entries(scripts).map(([name, line]) => [name, /^node bin\/lmi-bench\.mjs ([a-z-]+)$/.exec(line)?.slice(1) ?? []]));
}
const commandNames = ['bench', 'advise', 'report', 'check', 'safety', 'baseline', 'cost', 'deploy', 'destroy', 'engine', 'bench-engine', 'prices-refresh'];

function words(text: string): string[] {
  return text
    .replace(/\[([^\]]*)\]/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
}

/** The command (and subcommand) a list of lmi-bench arguments runs. */
function commandOf(argv: string[]): string[] {
  const [name, sub] = argv;
  if (name === undefined || name.startsWith('-')) return [];
  if (name === 'cost') return sub === undefined ? ['cost'] : ['cost', sub];
  if (name === 'baseline') return ['baseline', ...(sub === undefined ? [] : [sub])];
  return [name];
}

/** Parses one command line; undefined when it is not an lmi-bench or npm command. */
export function parseCommand(text: string): ReadmeCommand | undefined {
  const all = words(text.replace(/\s+#.*$/, ''));
  if (all[0] === 'npx' && all[1] === 'lmi-bench') return lmiBench(text, all.slice(2));
  if (all[0] === 'lmi-bench') return lmiBench(text, all.slice(1));
  if (all[0] === 'npm' && all[1] === 'run' && all[2] !== undefined) {
    const script = npmScripts()[all[2]];
    if (script === undefined) throw new Error(`README runs an npm script package.json does not have: ${text}`);
    return { text, command: script, argv: all.slice(1), npm: true };
  }
  if (all[0] === 'npm') return { text, command: [], argv: all.slice(1), npm: true };
  if (all[0] !== undefined && commandNames.includes(all[0])) return lmiBench(text, all);
  return undefined;
}

function lmiBench(text: string, argv: string[]): ReadmeCommand {
  return { text, command: commandOf(argv), argv, npm: false };
}

/** The --flags of a command line (npm's own `--` separator left out; `--flag=value` as --flag). */
export function flagsOf(argv: string[]): string[] {
  return argv.filter((word) => /^--[a-z]/.test(word)).map((word) => word.split('=')[0] as string);
}

function spans(line: string): string[] {
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

export function readReadme(root: string): { commands: ReadmeCommand[]; rows: RowFlags[] } {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const commands: ReadmeCommand[] = [];
  const rows: RowFlags[] = [];
  let block: string | undefined;
  for (const line of lines) {
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      block = block === undefined ? fence[1] : undefined;
      continue;
    }
    if (block !== undefined) {
      if (block === 'sh') for (const part of line.split('&&')) {
        const parsed = parseCommand(part.trim());
        if (parsed) commands.push(parsed);
      }
      continue;
    }
    const cells = line.startsWith('| `') ? line.split(' | ') : undefined;
    const rowCommand = cells ? words(spans(cells[0] as string)[0] ?? '').filter((w) => commandNames.includes(w)) : [];
    const loose: string[] = [];
    const named: string[][] = rowCommand.length > 0 ? [[rowCommand[0] as string]] : [];
    // The first cell names the row's command (with placeholders): the row's flags are checked against it.
    for (const span of spans(cells ? line.slice((cells[0] as string).length) : line)) {
      const parsed = /^(npx lmi-bench|lmi-bench|npm run) /.test(span) || (cells !== undefined && commandNames.includes(words(span)[0] ?? '')) ? parseCommand(span) : undefined;
      if (parsed && flagsOf(parsed.argv).length + parsed.argv.length > 1) {
        commands.push(parsed);
        named.push(parsed.command);
      } else if (cells) loose.push(...flagsOf(words(span)));
    }
    if (cells && loose.length > 0) rows.push({ row: (cells[0] as string).replace(/^\|\s*/, ''), commands: named.filter((c) => c.length > 0), flags: [...new Set(loose)] });
  }
  return { commands, rows };
}
