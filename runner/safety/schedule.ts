/**
 * The seeded schedule of a safety run: per round, its concurrency, which events it sends and
 * in which order, and how far apart they start. The same seed gives the same schedule; the
 * runtime's own timing still decides the exact interleaving, which is why there are rounds.
 */
import type { Rng } from '../analysis/rng.ts';

export interface RoundPlan {
  /** 1-based. */
  index: number;
  concurrency: number;
  /** Event index of each request, in start order. */
  events: number[];
  /** Delay of each request's start after the round began, in ms (same order). */
  startDelaysMs: number[];
  /** The widest start delay of the round. */
  spreadMs: number;
}

/** Concurrency of each round: geometric from 2 (or 1) up to the maximum, the last round at it. */
export function roundLevels(rounds: number, maxConcurrency: number): number[] {
  const low = Math.min(2, maxConcurrency);
  if (rounds === 1) return [maxConcurrency];
  return Array.from({ length: rounds }, (_, r) => Math.max(low, Math.min(maxConcurrency, Math.round(low * (maxConcurrency / low) ** (r / (rounds - 1))))));
}

export function shuffle<T>(items: T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Start spreads cycle through all-at-once, a few ms and tens of ms: different interleavings. */
const spreadsMs = [0, 8, 30];

export function planRounds(rounds: number, maxConcurrency: number, eventCount: number, rng: Rng): RoundPlan[] {
  return roundLevels(rounds, maxConcurrency).map((concurrency, r) => {
    // Every event before any repeats, in a new order each round.
    const events: number[] = [];
    while (events.length < concurrency) events.push(...shuffle([...Array(eventCount).keys()], rng));
    const spreadMs = spreadsMs[r % spreadsMs.length] ?? 0;
    const chosen = shuffle(events.slice(0, concurrency), rng);
    const startDelaysMs = chosen.map(() => Math.round(rng.next() * spreadMs * 10) / 10);
    return { index: r + 1, concurrency, events: chosen, startDelaysMs, spreadMs };
  });
}
