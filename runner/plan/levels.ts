/**
 * The load levels of a plan: closed-loop concurrencies, or open-loop arrival rates (--rates).
 * An open-loop level opens connections as its schedule needs them, up to a cap, and is
 * `saturated` when what it served falls more than 5% short of the rate asked for.
 */
import type { BenchPlan } from './plan.ts';

export type LevelSpec = { kind: 'closed'; concurrency: number } | { kind: 'open'; rate: number; maxConnections: number };

/** An achieved rate this far below the rate asked for marks the level saturated. */
export const saturationShortfall = 0.05;

/**
 * Connections an open-loop level may hold: enough for 4 s of latency at its rate (Little's
 * law: in flight = rate × latency) and never fewer than 64, within the concurrency limit of a
 * plan. Past it, due requests wait for a connection, and that wait shows in their latency.
 */
export function openLoopConnectionCap(rate: number): number {
  return Math.min(10_000, Math.max(64, Math.ceil(rate * 4)));
}

export function planLevels(plan: Pick<BenchPlan, 'concurrency' | 'rates'>): LevelSpec[] {
  if (plan.rates && plan.rates.length > 0) return plan.rates.map((rate) => ({ kind: 'open', rate, maxConnections: openLoopConnectionCap(rate) }));
  return plan.concurrency.map((concurrency) => ({ kind: 'closed', concurrency }));
}

/** The level's `concurrency` field in run.json (open loop: its connection cap). */
export function levelConcurrency(level: LevelSpec): number {
  return level.kind === 'closed' ? level.concurrency : level.maxConnections;
}

export function isSaturated(targetRps: number, achievedRps: number): boolean {
  return achievedRps < targetRps * (1 - saturationShortfall);
}
