/**
 * The one flag reader of every lmi-bench command. A command declares its flags as one FlagSet:
 * each flag's parser, its --help text and its default in one entry; readFlags turns argv (and
 * what `npm run` made of it) into typed values, every bad value one UsageError line naming the
 * flag, and flagHelp prints the same entries as the command's --help. Value rules (numbers,
 * lists, architectures, regions, seconds) are in ./values.ts and the same for every command.
 *
 * What npm 11 does before `--` (checked by running it), so that `npm run bench --workload
 * io-bound`, `npm run bench --workload=io-bound`, `npm run bench -- --workload io-bound` and
 * `lmi-bench bench --workload io-bound` agree:
 * - `--name=value` becomes env `npm_config_name=value` and no argument;
 * - `--name value` becomes `npm_config_name=true` plus a bare argument `value`, and the
 *   order of several such flags is lost (npm exports its config sorted, and rewrites its
 *   own process title without the flags);
 * - `--flag` becomes `npm_config_flag=true`, `--no-flag` becomes `npm_config_flag=` (empty);
 * - dashes in names become underscores; `--help` is npm's own and never reaches the script.
 */
import { UsageError } from '../errors.ts';

/** What a value parser may need besides the text: where relative paths start. */
export interface ParseContext {
  cwd: string;
}

/**
 * One flag. `R` is what the reader returns for it: T when it has a default (or is a switch),
 * T | undefined otherwise. Build flags with valueFlag() and switchFlag().
 */
export interface Flag<T, R = T | undefined> {
  kind: 'value' | 'switch';
  /** Placeholder in --help, e.g. `LIST`. */
  value?: string;
  help: string;
  /**
   * The default, written as a user would type it and read by `parse` like a given value, so a
   * default obeys the same rules as input. Absent when it depends on other flags (the command
   * computes it then, and `defaultText` says how).
   */
  default?: string;
  /** The default as --help shows it when it is not `default` itself. */
  defaultText?: string;
  /** The value from its text; throws a UsageError naming `label` when the text is not one. */
  parse(raw: string, label: string, context: ParseContext): T;
  /** Type-level only: what readFlags returns for this flag (a function type, so R is checked exactly). */
  readonly result?: (value: R) => R;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any flag, whatever its value type
export type FlagSet = Record<string, Flag<any, any>>;

/** A flag set that yields exactly `O` (a stage's options type): a flag without a field, or a field without a flag, fails the type check. */
export type FlagSetFor<O> = { [K in keyof O]-?: Flag<unknown, O[K]> };

/** The typed values of a FlagSet, keyed by flag name. */
export type FlagValues<S extends FlagSet> = { [K in keyof S]: S[K] extends Flag<infer _T, infer R> ? R : never };

interface ValueSpec<T> {
  value: string;
  help: string;
  defaultText?: string;
  parse(raw: string, label: string, context: ParseContext): T;
}

/** A flag that takes a value: `--name value` or `--name=value`. */
export function valueFlag<T>(spec: ValueSpec<T> & { default: string }): Flag<T, T>;
export function valueFlag<T>(spec: ValueSpec<T>): Flag<T, T | undefined>;
export function valueFlag<T>(spec: ValueSpec<T> & { default?: string }): Flag<T, T | undefined> {
  return { kind: 'value', ...spec };
}

/** An on/off flag: `--name` (on), `--no-name` or `--name=false` (off); off unless given. */
export function switchFlag(spec: { help: string; defaultText?: string }): Flag<boolean, boolean> {
  return {
    kind: 'switch',
    help: spec.help,
    defaultText: spec.defaultText ?? 'off',
    parse: (raw, label) => {
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new UsageError(`${label} takes no value (got '${raw}')`);
    },
  };
}

export interface ReadOptions<S extends FlagSet> {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The flag a bare argument fills (`lmi-bench bench io-bound` means `--workload io-bound`). */
  positional?: keyof S & string;
}

export interface ReadFlags<S extends FlagSet> {
  help: false;
  values: FlagValues<S>;
  /** Whether the user gave the flag (a default does not count). */
  given(name: keyof S & string): boolean;
  /** How errors name the flag: `--name`, or `--name (npm_config_name)` when npm supplied it. */
  label(name: keyof S & string): string;
}

/**
 * Reads `argv` against `flags`: `{ help: true }` when --help or -h was given (nothing else is
 * parsed then), otherwise every flag's value, parsed, with defaults applied.
 */
export function readFlags<S extends FlagSet>(argv: string[], flags: S, options: ReadOptions<S> = {}): { help: true } | ReadFlags<S> {
  const env = options.env ?? process.env;
  const context: ParseContext = { cwd: options.cwd ?? process.cwd() };
  const specs: FlagSpec[] = Object.entries(flags).map(([name, flag]) => ({
    name,
    type: flag.kind === 'switch' ? 'boolean' : 'string',
    accepts: (raw: string) => parses(() => flag.parse(raw, `--${name}`, context)),
  }));
  const line = readCommandLine(argv, env, specs, options.positional === undefined ? {} : { positionalFlag: options.positional });
  if (line.help) return { help: true };
  const label = (name: string): string => flagLabel(name, line.values.get(name));
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(flags)) {
    const given = line.values.get(name);
    if (given !== undefined) {
      values[name] = flag.kind === 'switch' ? given.raw === true : flag.parse(String(given.raw), label(name), context);
    } else if (flag.kind === 'switch') {
      values[name] = false;
    } else if (flag.default !== undefined) {
      values[name] = flag.parse(flag.default, `--${name}`, context);
    }
  }
  return { help: false, values: values as FlagValues<S>, given: (name) => line.values.has(name), label };
}

/** The options part of a command's --help: one line per flag with its default. */
export function flagHelp(flags: FlagSet): string {
  const shown = Object.entries(flags).map(([name, flag]) => ({ left: `--${name}${flag.value ? ` ${flag.value}` : ''}`, flag }));
  shown.push({ left: '--help', flag: { kind: 'switch', help: 'show this help', parse: () => true } });
  const width = Math.max(...shown.map((s) => s.left.length));
  return shown
    .map(({ left, flag }) => {
      const shownDefault = flag.defaultText ?? flag.default;
      return `  ${left.padEnd(width)}  ${flag.help}${shownDefault !== undefined ? ` (default: ${shownDefault})` : ''}`;
    })
    .join('\n');
}

/** Whether `parse` accepts a text (a UsageError means no; anything else is a bug and is thrown). */
function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
}

// ---- The command line as text: argv and npm's environment to raw values per flag. ----

interface FlagSpec {
  /** Without dashes, e.g. `lmi-memory`. */
  name: string;
  type: 'string' | 'boolean';
  /** Whether a raw value parses for this flag alone: lets values npm detached find their flag. */
  accepts?: (raw: string) => boolean;
}

interface FlagValue {
  raw: string | boolean;
  /** Where the value came from, so that an error can name an npm config the user never typed. */
  source: 'argv' | 'npm';
}

type CommandLine = { help: true } | { help: false; values: Map<string, FlagValue> };

interface LineOptions {
  positionalFlag?: string;
}

/** More flags than this given as `--name value` through npm and we stop trying permutations. */
const maxDetachedFlags = 6;

function npmEnvName(flag: string): string {
  return `npm_config_${flag.replaceAll('-', '_')}`;
}

function flagLabel(name: string, value?: FlagValue): string {
  return value?.source === 'npm' ? `--${name} (${npmEnvName(name)})` : `--${name}`;
}

function readCommandLine(argv: string[], env: NodeJS.ProcessEnv, specs: FlagSpec[], options: LineOptions = {}): CommandLine {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const parsed = parseArgv(argv, byName);
  if (parsed.help) return { help: true };
  const values = new Map<string, FlagValue>();
  for (const [name, raw] of parsed.values) values.set(name, { raw, source: 'argv' });

  // Only `npm run` turns flags into npm_config_* variables; elsewhere they are the user's npm settings.
  const detached: string[] = [];
  if (env['npm_lifecycle_event'] !== undefined) {
    for (const spec of specs) {
      const raw = env[npmEnvName(spec.name)];
      if (raw === undefined) continue;
      if (spec.type === 'string' && raw === 'true') {
        detached.push(spec.name);
        continue;
      }
      if (values.has(spec.name)) continue; // what was typed after `--` wins
      values.set(spec.name, { raw: npmValue(spec, raw), source: 'npm' });
    }
  }

  const slot = options.positionalFlag;
  const slotFree = slot !== undefined && !values.has(slot) && !detached.includes(slot);
  const { assigned, leftover } = assignDetached(detached, parsed.positionals, byName, slotFree ? byName.get(slot) : undefined);
  for (const [name, raw] of assigned) {
    if (!values.has(name)) values.set(name, { raw, source: 'npm' });
  }
  const [first, ...rest] = leftover;
  if (first !== undefined) {
    if (!slotFree || slot === undefined) throw new UsageError(`unexpected argument '${first}' (see --help)`);
    values.set(slot, { raw: first, source: 'argv' });
  }
  if (rest[0] !== undefined) throw new UsageError(`unexpected argument '${rest[0]}' (see --help)`);
  return { help: false, values };
}

function npmValue(spec: FlagSpec, raw: string): string | boolean {
  if (spec.type === 'string') {
    if (raw === '') throw new UsageError(`--${spec.name} needs a value (${npmEnvName(spec.name)} is empty)`);
    return raw;
  }
  if (raw === 'true') return true;
  if (raw === '' || raw === 'false') return false;
  throw new UsageError(`--${spec.name} takes no value, but ${npmEnvName(spec.name)}=${raw}`);
}

interface ParsedArgv {
  help: boolean;
  values: Map<string, string | boolean>;
  positionals: string[];
}

function parseArgv(argv: string[], byName: Map<string, FlagSpec>): ParsedArgv {
  const values = new Map<string, string | boolean>();
  const positionals: string[] = [];
  const set = (name: string, value: string | boolean): void => {
    if (values.has(name)) throw new UsageError(`--${name} is given twice`);
    values.set(name, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '--help' || token === '-h') return { help: true, values, positionals };
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) throw unknownFlag(token, byName);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    const spec = byName.get(name);
    const negated = spec === undefined && name.startsWith('no-') ? byName.get(name.slice(3)) : undefined;
    if (negated?.type === 'boolean' && inline === undefined) {
      set(negated.name, false);
      continue;
    }
    if (!spec) throw unknownFlag(token, byName);
    if (spec.type === 'boolean') {
      if (inline === undefined || inline === 'true') set(name, true);
      else if (inline === 'false') set(name, false);
      else throw new UsageError(`--${name} takes no value (got '${inline}')`);
      continue;
    }
    if (inline !== undefined) {
      if (inline === '') throw new UsageError(`--${name} needs a value`);
      set(name, inline);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    set(name, next);
    i++;
  }
  return { help: false, values, positionals };
}

function unknownFlag(token: string, byName: Map<string, FlagSpec>): UsageError {
  const name = token.replace(/^-+/, '').split('=')[0] ?? '';
  const near = [...byName.keys()].find((known) => name.length >= 3 && (known.startsWith(name.slice(0, 4)) || name.startsWith(known)));
  return new UsageError(`unknown flag ${token.split('=')[0]}${near ? ` (did you mean --${near}?)` : ''} (see --help)`);
}

/**
 * Gives each flag npm detached from its value (`--name value` before `--`) one of the bare
 * arguments. npm loses their order, so we accept an assignment only when it is the single one
 * under which every value parses for its flag; otherwise we ask for `--name=value`, never guess.
 */
function assignDetached(
  detached: string[],
  positionals: string[],
  byName: Map<string, FlagSpec>,
  slotSpec: FlagSpec | undefined,
): { assigned: Map<string, string>; leftover: string[] } {
  if (detached.length === 0) return { assigned: new Map(), leftover: positionals };
  const flags = detached.map((name) => `--${name}`).join(', ');
  if (positionals.length < detached.length) {
    const lone = detached.length === 1 ? `${flags} needs a value` : `${flags} need a value each`;
    throw new UsageError(`${lone} (with npm, write --name=value or put flags after --)`);
  }
  const ambiguous = new UsageError(
    `npm does not keep the order of ${flags} and their values (${positionals.join(' ')}): write --name=value, or put the flags after -- (npm run bench -- --name value)`,
  );
  if (detached.length > maxDetachedFlags) throw ambiguous;

  if (positionals.length - detached.length > (slotSpec ? 1 : 0)) {
    throw new UsageError(`too many bare arguments (${positionals.join(' ')}) for ${flags}${slotSpec ? ` and --${slotSpec.name}` : ''} (see --help)`);
  }
  const candidates: Map<string, string>[] = [];
  for (const order of arrangements(positionals.length, detached.length)) {
    candidates.push(new Map(detached.map((name, k) => [name, positionals[order[k] as number] as string])));
  }
  const parses = (assigned: Map<string, string>): boolean => {
    for (const [name, raw] of assigned) {
      const accepts = byName.get(name)?.accepts;
      if (accepts && !accepts(raw)) return false;
    }
    return leftoverOf(positionals, assigned).every((raw) => slotSpec?.accepts?.(raw) ?? true);
  };
  if (candidates.length === 1) {
    const only = candidates[0] as Map<string, string>;
    return { assigned: only, leftover: leftoverOf(positionals, only) };
  }
  const fitting = candidates.filter(parses);
  const distinct = new Map(fitting.map((assigned) => [JSON.stringify([...assigned]), assigned]));
  if (distinct.size !== 1) throw ambiguous;
  const chosen = [...distinct.values()][0] as Map<string, string>;
  return { assigned: chosen, leftover: leftoverOf(positionals, chosen) };
}

/** The positionals not taken by `assigned`, removing one occurrence per assigned value. */
function leftoverOf(positionals: string[], assigned: Map<string, string>): string[] {
  const rest = [...positionals];
  for (const value of assigned.values()) rest.splice(rest.indexOf(value), 1);
  return rest;
}

/** Every ordered choice of k distinct indexes out of n. */
function* arrangements(n: number, k: number, taken: number[] = []): Generator<number[]> {
  if (taken.length === k) {
    yield [...taken];
    return;
  }
  for (let i = 0; i < n; i++) {
    if (taken.includes(i)) continue;
    taken.push(i);
    yield* arrangements(n, k, taken);
    taken.pop();
  }
}
