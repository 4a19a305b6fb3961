/** What the `cost` subcommands share: reading their flags, required flags, and the JSON they print. */
import { ExitCode, UsageError } from '../../errors.ts';
import { prettyJson } from '../../system/pretty-json.ts';
import { readFlags, type FlagSet, type FlagValues } from '../flag-reader.ts';

/** Reads the flags, then prints --help or the JSON `compute` returns. */
export async function runCostSubcommand<S extends FlagSet>(argv: string[], flags: S, help: string, compute: (values: FlagValues<S>) => Promise<unknown>): Promise<number> {
  const line = readFlags(argv, flags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  process.stdout.write(prettyJson(await compute(line.values)));
  return ExitCode.ok;
}

/** A flag the subcommand cannot do without. */
export function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
