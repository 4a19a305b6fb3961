/** Guards shared by the cost model: a bad number becomes one clear UsageError line. */
import { UsageError } from '../errors.ts';

export function requireNonNegative(what: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${what} must be a finite number ≥ 0, got ${value}`);
}

export function requirePositive(what: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${what} must be a finite number > 0, got ${value}`);
}

export function requireFraction(what: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${what} must be between 0 and 1, got ${value}`);
}

export function requireInteger(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${what} must be an integer ≥ ${min}, got ${value}`);
}

/** Log-spaced points from `low` to `high` inclusive (both > 0). */
export function logSpace(low: number, high: number, count: number): number[] {
  const a = Math.log(low);
  const b = Math.log(high);
  return Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * i) / (count - 1)));
}

/** Hours in a month, the convention of AWS's pricing examples (8,760 / 12). */
export const hoursPerMonth = 730;
