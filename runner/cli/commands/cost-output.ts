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
  const result = await compute(line.values);
  const overflowed = nonFiniteFields(result);
  if (overflowed.length > 0) {
    // JSON would print them as null: a figure nobody can tell from "not applicable".
    const shown = overflowed.slice(0, 5).join(', ') + (overflowed.length > 5 ? `, … (${overflowed.length} in all)` : '');
    throw new UsageError(`the inputs are too large to price: ${shown} would not be finite numbers; give smaller values`);
  }
  process.stdout.write(prettyJson(result));
  return ExitCode.ok;
}

/** Paths (`tiers[2].usd`) of the numbers in `value` that are NaN or infinite. */
export function nonFiniteFields(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at || '(result)'];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteFields(item, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteFields(item, at ? `${at}.${key}` : key));
  }
  return [];
}

/** A flag the subcommand cannot do without. */
export function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
