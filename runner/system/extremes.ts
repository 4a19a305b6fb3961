/**
 * The largest and smallest of a list, in a loop: `Math.max(...values)` passes every value as an
 * argument and overflows the call stack somewhere past 100,000 of them (a year of per-minute
 * traffic is 525,600). `empty` is the answer for an empty list.
 */
export function maxOf(values: readonly number[], empty: number): number {
  if (values.length === 0) return empty;
  let largest = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > largest) largest = value;
  return largest;
}

export function minOf(values: readonly number[], empty: number): number {
  if (values.length === 0) return empty;
  let smallest = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < smallest) smallest = value;
  return smallest;
}
