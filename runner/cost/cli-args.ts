/**
 * Flag parsing for `lmi-bench cost …`: every value parses or becomes one UsageError line that
 * names the flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../domain.ts';

export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(argv: string[], options: NonNullable<ParseArgsConfig['options']>, command: string): Flags {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`cost ${command}: unexpected argument '${positionals[0]}'`);
    return values as Flags;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // node:util's messages are one line already; drop its advice about '--' separators.
    const message = error instanceof Error ? error.message.split('. To specify')[0] : String(error);
    throw new UsageError(`cost ${command}: ${message}`);
  }
}

/**
 * `--requests -3` is a negative value, not an unknown flag `-3`: join it (`--requests=-3`) so
 * the value check can say what is wrong with it.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function text(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredText(flags: Flags, name: string): string {
  const value = text(flags, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalText(flags: Flags, name: string): string | undefined {
  return text(flags, name);
}

const plainNumber = /^[+]?(\d+(\.\d*)?|\.\d+)(e[+]?\d+)?$/i;

function toNumber(name: string, raw: string, what: string): number {
  const value = Number(raw.trim());
  if (!plainNumber.test(raw.trim()) || !Number.isFinite(value)) throw new UsageError(`--${name} must be ${what}, got '${raw}'`);
  return value;
}

/** A count or amount greater than zero (requests, hours, instances, durations). */
export function positive(flags: Flags, name: string, options: { integer?: boolean; required: true }): number;
export function positive(flags: Flags, name: string, options: { integer?: boolean; required?: false }): number | undefined;
export function positive(flags: Flags, name: string, options: { integer?: boolean; required?: boolean }): number | undefined {
  const raw = options.required ? requiredText(flags, name) : text(flags, name);
  if (raw === undefined) return undefined;
  const what = options.integer ? 'a whole number greater than 0' : 'a number greater than 0';
  const value = toNumber(name, raw, what);
  if (value <= 0 || (options.integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be ${what}, got '${raw}'`);
  return value;
}

export function bounded(flags: Flags, name: string, min: number, max: number, integer = false): number | undefined {
  const raw = text(flags, name);
  if (raw === undefined) return undefined;
  const what = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  const value = toNumber(name, raw, what);
  if (value < min || value > max || (integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be ${what}, got '${raw}'`);
  return value;
}

export function architecture(flags: Flags): Architecture | undefined {
  const raw = text(flags, 'arch');
  if (raw === undefined) return undefined;
  if (raw !== 'x86_64' && raw !== 'arm64') throw new UsageError(`--arch must be x86_64 or arm64, got '${raw}'`);
  return raw;
}

/** Pretty JSON with binary float noise trimmed (160.35999999999999 → 160.36) at 12 significant digits. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(12)) : v), 2) + '\n';
}
