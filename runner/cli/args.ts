/**
 * Reads a command's flags from its arguments AND from what `npm run` made of them, so that
 * `npm run bench --workload io-bound`, `npm run bench --workload=io-bound`,
 * `npm run bench -- --workload io-bound` and `lmi-bench bench --workload io-bound` agree.
 *
 * What npm 11 does before `--` (checked by running it):
 * - `--name=value` becomes env `npm_config_name=value` and no argument;
 * - `--name value` becomes `npm_config_name=true` plus a bare argument `value`, and the
 *   order of several such flags is lost (npm exports its config sorted, and rewrites its
 *   own process title without the flags);
 * - `--flag` becomes `npm_config_flag=true`, `--no-flag` becomes `npm_config_flag=` (empty);
 * - dashes in names become underscores; `--help` is npm's own and never reaches the script.
 */
import { UsageError } from '../errors.ts';

export interface FlagSpec {
  /** Without dashes, e.g. `lmi-memory`. */
  name: string;
  type: 'string' | 'boolean';
  /** Whether a raw value parses for this flag alone: lets values npm detached find their flag. */
  accepts?: (raw: string) => boolean;
}

export interface FlagValue {
  raw: string | boolean;
  /** Where the value came from, so that an error can name an npm config the user never typed. */
  source: 'argv' | 'npm';
}

export type CommandLine = { help: true } | { help: false; values: Map<string, FlagValue> };

/** The text a string-valued flag was given, or undefined when it was not given. */
export function flagText(values: Map<string, FlagValue>, name: string): string | undefined {
  const raw = values.get(name)?.raw;
  return typeof raw === 'string' ? raw : undefined;
}

export interface ReadOptions {
  /** The flag a bare argument fills (`lmi-bench bench io-bound` means `--workload io-bound`). */
  positionalFlag?: string;
}

/** More flags than this given as `--name value` through npm and we stop trying permutations. */
const maxDetachedFlags = 6;

export function npmEnvName(flag: string): string {
  return `npm_config_${flag.replaceAll('-', '_')}`;
}

/** `--name`, or `--name (npm_config_name)` when the value came from npm's environment. */
export function flagLabel(name: string, value?: FlagValue): string {
  return value?.source === 'npm' ? `--${name} (${npmEnvName(name)})` : `--${name}`;
}

export function readCommandLine(argv: string[], env: NodeJS.ProcessEnv, specs: FlagSpec[], options: ReadOptions = {}): CommandLine {
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
