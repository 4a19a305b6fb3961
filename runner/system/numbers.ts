/** Numbers shared by the models: guards (a bad number becomes one clear UsageError line), the month, log spacing. */
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

/** Requests in a month at a steady rate: the one conversion every report, advice and cost uses. */
export function requestsPerMonthAt(requestsPerSecond: number): number {
  return requestsPerSecond * 3600 * hoursPerMonth;
}

/** The steady rate that makes this many requests a month (the inverse of requestsPerMonthAt). */
export function requestsPerSecondFor(requestsPerMonth: number): number {
  return requestsPerMonth / (hoursPerMonth * 3600);
}
