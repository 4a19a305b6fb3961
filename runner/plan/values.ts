/**
 * Parsers for one flag value each: a value either parses or is a UsageError naming the flag
 * and what it takes. `label` is how the flag is named in the message (see cli/args.ts).
 */
import { UsageError } from '../errors.ts';

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

/** A number of seconds greater than zero. */
export function parsePositiveSeconds(label: string, raw: string): number {
  const value = parseDecimal(label, raw, {});
  if (value <= 0) throw new UsageError(`${label} must be a number of seconds greater than 0, got '${raw}'`);
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

/** Whether `parse` accepts `raw` (used to match npm-detached values to their flags). */
export function accepts(parse: (raw: string) => unknown): (raw: string) => boolean {
  return (raw) => {
    try {
      parse(raw);
      return true;
    } catch (error) {
      if (error instanceof UsageError) return false;
      throw error;
    }
  };
}
