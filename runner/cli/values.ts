/**
 * The value rules of every command's flags: a value either parses or is a UsageError naming the
 * flag and what it takes. `label` is how the flag is named in the message (see flag-reader.ts).
 *
 * Numbers are what a person types: digits with an optional decimal point, never an exponent
 * (`1e3`), hex or `Infinity`, in every command alike (`--requests 1e8` is refused with the
 * number's rule, not read as 100000000 by one command and refused by another). Lists are
 * comma-separated with no empty or repeated items; durations are seconds; architectures accept
 * the common aliases; regions are checked against the regions lmi-bench can price.
 */
import { UsageError } from '../errors.ts';
import type { Architecture } from '../domain.ts';
import { assertKnownRegion } from '../pricing/regions.ts';

export interface Bounds {
  min?: number;
  max?: number;
}

function describeBounds(bounds: Bounds): string {
  if (bounds.min !== undefined && bounds.max !== undefined) return ` from ${bounds.min} to ${bounds.max}`;
  if (bounds.min !== undefined) return ` of at least ${bounds.min}`;
  if (bounds.max !== undefined) return ` of at most ${bounds.max}`;
  return '';
}

function inBounds(value: number, bounds: Bounds): boolean {
  return (bounds.min === undefined || value >= bounds.min) && (bounds.max === undefined || value <= bounds.max);
}

const decimal = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
const negativeDecimal = /^-(\d+(\.\d*)?|\.\d+)$/;

/** A whole number within bounds. */
export function parseInteger(label: string, raw: string, bounds: Bounds = {}): number {
  const text = raw.trim();
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(value) || !inBounds(value, bounds)) {
    throw new UsageError(`${label} must be a whole number${describeBounds(bounds)}, got '${raw}'`);
  }
  return value;
}

/** A finite decimal number within bounds (no exponents, no hex: what a person types). */
export function parseDecimal(label: string, raw: string, bounds: Bounds = {}): number {
  const text = raw.trim();
  const value = Number(text);
  if (!(decimal.test(text) || negativeDecimal.test(text)) || !Number.isFinite(value) || !inBounds(value, bounds)) {
    throw new UsageError(`${label} must be a number${describeBounds(bounds)}, got '${raw}'`);
  }
  return value;
}

/** A number of seconds greater than zero, and at most `maxSec` when given. */
export function parsePositiveSeconds(label: string, raw: string, maxSec?: number): number {
  const text = raw.trim();
  const value = Number(text);
  if (!decimal.test(text) || !Number.isFinite(value) || value <= 0 || (maxSec !== undefined && value > maxSec)) {
    throw new UsageError(`${label} must be a number of seconds greater than 0${maxSec === undefined ? '' : ` and at most ${maxSec}`}, got '${raw}'`);
  }
  return value;
}

/** Comma-separated items, trimmed; an empty item (`1,,8`) or a duplicate is an error. */
export function splitList(label: string, raw: string): string[] {
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`${label} must be a comma-separated list with no empty items, got '${raw}'`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) throw new UsageError(`${label} lists '${item}' twice`);
    seen.add(item);
  }
  return items;
}

/** A list of distinct whole numbers within bounds, sorted ascending. */
export function parseIntegerList(label: string, raw: string, bounds: Bounds = {}): number[] {
  const values = splitList(label, raw).map((item) => {
    const value = Number(item);
    if (!/^[+]?\d+$/.test(item) || !Number.isSafeInteger(value) || !inBounds(value, bounds)) {
      throw new UsageError(`${label} takes whole numbers${describeBounds(bounds)} separated by commas; '${item}' is not one`);
    }
    return value;
  });
  return sortDistinct(label, values);
}

/** A list of distinct decimal numbers within bounds, sorted ascending. */
export function parseDecimalList(label: string, raw: string, bounds: Bounds = {}): number[] {
  const values = splitList(label, raw).map((item) => {
    const value = Number(item);
    if (!decimal.test(item) || !Number.isFinite(value) || !inBounds(value, bounds)) {
      throw new UsageError(`${label} takes numbers${describeBounds(bounds)} separated by commas; '${item}' is not one`);
    }
    return value;
  });
  return sortDistinct(label, values);
}

function sortDistinct(label: string, values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new UsageError(`${label} lists ${sorted[i]} twice`);
  }
  return sorted;
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(label: string, raw: string, choices: readonly T[]): T {
  const value = raw.trim();
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${label} must be one of ${choices.join(', ')}, got '${raw}'`);
  return value as T;
}

/** A list of distinct words from a fixed set, in the order the set gives them. */
export function parseChoiceList<T extends string>(label: string, raw: string, choices: readonly T[]): T[] {
  const picked = splitList(label, raw).map((item) => parseChoice(label, item, choices));
  return choices.filter((choice) => picked.includes(choice));
}

/** A number greater than zero (counts, hours, durations), whole when `integer`. */
export function parsePositive(label: string, raw: string, options: { integer?: boolean } = {}): number {
  const what = options.integer ? 'a whole number greater than 0' : 'a number greater than 0';
  const text = raw.trim();
  const value = Number(text);
  const shape = options.integer ? /^[+]?\d+$/ : decimal;
  if (!shape.test(text) || !Number.isFinite(value) || value <= 0 || (options.integer && !Number.isSafeInteger(value))) {
    throw new UsageError(`${label} must be ${what}, got '${raw}'`);
  }
  return value;
}

/** Spellings of the two architectures people (and npm's own `arch` config, `x64`) use. */
const architectureAliases: Record<string, Architecture> = { x86_64: 'x86_64', x64: 'x86_64', amd64: 'x86_64', 'x86-64': 'x86_64', arm64: 'arm64', aarch64: 'arm64' };

/** x86_64 or arm64, also as amd64, x64, x86-64 or aarch64, in any case. */
export function parseArchitecture(label: string, raw: string): Architecture {
  const architecture = architectureAliases[raw.trim().toLowerCase()];
  if (!architecture) throw new UsageError(`${label} must be x86_64 or arm64 (or amd64, aarch64), got '${raw}'`);
  return architecture;
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An AWS region code that lmi-bench can price (the closest ones named when it is not). */
export function parseRegion(label: string, raw: string): string {
  const region = raw.trim();
  if (!regionPattern.test(region)) throw new UsageError(`${label} must be an AWS region code like us-east-1, got '${raw}'`);
  try {
    assertKnownRegion(region);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${label}: ${error.message}`);
    throw error;
  }
  return region;
}

/** Any text that is not blank (names, paths, ids the next stage checks). */
export function parseText(label: string, raw: string): string {
  if (raw.trim() === '') throw new UsageError(`${label} needs a value`);
  return raw;
}

/** A comma-separated list of words (ids, names), no empty or repeated item, in the order given. */
export function parseWordList(label: string, raw: string): string[] {
  return splitList(label, raw);
}

/**
 * An AWS credentials profile name (--profile, as in the AWS CLI and CDK). A traffic shape here
 * is what --profile used to mean: refused with the flag that takes it now.
 */
export function parseAwsProfile(label: string, raw: string): string {
  if (/^(constant|diurnal|csv|cloudwatch):/.test(raw)) throw new UsageError(`${label} names the AWS credentials profile now; give the traffic shape with --traffic ${raw}`);
  if (!/^[\w.@+=,/-]{1,128}$/.test(raw)) throw new UsageError(`${label} must be an AWS profile name, got '${raw}'`);
  return raw;
}
