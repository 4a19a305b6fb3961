import { ExitCode, InterruptedError, UsageError, isEnvironmentError } from '../errors.ts';
import { errorMessage } from '../system/error-message.ts';
import { editDistance } from '../system/edit-distance.ts';
import { builtInWorkloadNames } from '../workload/load.ts';
import { commandList, usage, type CommandInfo } from './usage.mjs';

/** What every command module under ./commands exports. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export interface CommandEntry extends CommandInfo {
  /** Loaded on demand, so that `lmi-bench cost` does not pay for loading CDK or vega. */
  load(): Promise<CommandModule>;
}

/** The commands of usage.mjs, each loaded from ./commands/<name>.ts when it is run. */
export const commands: CommandEntry[] = commandList.map((info) => ({
  ...info,
  load: () => import(`./commands/${info.name}.ts`) as Promise<CommandModule>,
}));

/**
 * Runs one command line and returns its exit code. `table` is the command set (tests pass their
 * own to exercise the failure paths of this entry point).
 */
export async function main(argv: string[], table: CommandEntry[] = commands, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const debug = argv.slice(0, dashDashIndex(argv)).includes('--debug') || env['LMI_BENCH_DEBUG'] === '1';
  const args = withoutDebugFlag(argv);
  const [first, ...rest] = args;
  if (first === undefined) {
    process.stdout.write(usage(table) + '\n');
    return ExitCode.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage(table) + '\n');
    return ExitCode.ok;
  }
  const chosen = chooseCommand(first, rest, table);
  if (chosen.kind === 'unknown') {
    process.stderr.write(`lmi-bench: unknown command '${first}'${chosen.near.length > 0 ? ` (did you mean ${chosen.near.join(' or ')}?)` : ''} (run lmi-bench for the list of commands)\n`);
    return ExitCode.usage;
  }
  try {
    const module = await chosen.entry.load();
    return await module.run(chosen.args);
  } catch (error) {
    return reportFailure(error, debug);
  }
}

type Choice = { kind: 'command'; entry: CommandEntry; args: string[] } | { kind: 'unknown'; near: string[] };

/**
 * `bench` is the default command: `lmi-bench --workload io-bound` (flags first) and
 * `lmi-bench io-bound` (a workload name or folder) both bench, as they always have. Any other
 * bare word is a mistyped command, not a workload.
 */
function chooseCommand(first: string, rest: string[], table: CommandEntry[]): Choice {
  const named = table.find((entry) => entry.name === first);
  if (named) return { kind: 'command', entry: named, args: rest };
  const bench = table.find((entry) => entry.name === 'bench');
  if (bench && (first.startsWith('-') || looksLikeWorkload(first))) return { kind: 'command', entry: bench, args: [first, ...rest] };
  return { kind: 'unknown', near: closestNames(first, table.map((entry) => entry.name)) };
}

function looksLikeWorkload(word: string): boolean {
  return word.startsWith('.') || word.includes('/') || word.includes('\\') || builtInWorkloadNames().includes(word);
}

/** The command names within a small edit distance of what was typed, or starting alike. */
export function closestNames(typed: string, names: string[]): string[] {
  const scored = names
    .map((name) => ({ name, distance: editDistance(typed.toLowerCase(), name) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(name.length / 3)) || name.startsWith(typed.toLowerCase().slice(0, 3)));
  scored.sort((a, b) => a.distance - b.distance);
  return scored.slice(0, 3).map(({ name }) => name);
}

function dashDashIndex(argv: string[]): number {
  const index = argv.indexOf('--');
  return index === -1 ? argv.length : index;
}

/** `--debug` is the entry point's own flag, wherever it stands before `--`; commands never see it. */
function withoutDebugFlag(argv: string[]): string[] {
  const end = dashDashIndex(argv);
  return [...argv.slice(0, end).filter((arg) => arg !== '--debug'), ...argv.slice(end)];
}

/**
 * One line on stderr and the exit code for an error that ended a command: 2 for bad input or an
 * unusable environment, 130 for an interruption, 70 for anything else, which is a bug of
 * ours; its stack is printed only when debugging (--debug or LMI_BENCH_DEBUG=1).
 */
export function reportFailure(error: unknown, debug = process.env['LMI_BENCH_DEBUG'] === '1'): number {
  if (error instanceof InterruptedError) {
    process.stderr.write(`lmi-bench: interrupted${error.message ? `: ${error.message}` : ''}\n`);
    return ExitCode.interrupted;
  }
  const message = oneLine(errorMessage(error));
  if (isEnvironmentError(error)) {
    process.stderr.write(`lmi-bench: ${message}\n`);
    if (debug && !(error instanceof UsageError)) writeStack(error);
    return ExitCode.usage;
  }
  process.stderr.write(`lmi-bench: internal error: ${message} (please report)\n`);
  if (debug) writeStack(error);
  return ExitCode.internal;
}

function writeStack(error: unknown): void {
  if (error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
