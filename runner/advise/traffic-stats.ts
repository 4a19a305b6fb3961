/**
 * What a traffic profile says before any price: its monthly volume, its mean, peak and quietest
 * rates, and how often it more than doubled within 5 minutes (LMI scales asynchronously and
 * throttles when traffic grows faster than that). Pure.
 */
import { hoursPerMonth } from '../cost/numbers.ts';
import type { TrafficProfile } from '../domain.ts';

export interface TrafficStats {
  name: string;
  /** Minutes the profile covers (it repeats to fill the month). */
  minutes: number;
  requestsPerMonth: number;
  meanRps: number;
  peakRps: number;
  quietestRps: number;
  /**
   * Times the rate over 5 minutes was more than twice the rate over the 5 minutes before
   * (null for a profile shorter than 10 minutes, where it cannot be judged).
   */
  doublingsWithin5Min: number | null;
  /** The largest such ratio, and the minute of the profile where it started. */
  steepestGrowth: { ratio: number; atMinute: number } | null;
}

/** Windows quieter than this (requests in 5 minutes) are noise: 3 → 9 requests is not a surge. */
const minRequestsPerWindow = 60;
const windowMinutes = 5;

export function trafficStats(profile: TrafficProfile): TrafficStats {
  const counts = profile.minuteRequests;
  const minutes = counts.length;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const requestsPerMonth = total * ((hoursPerMonth * 60) / Math.max(minutes, 1));
  const growth = doublings(counts);
  return {
    name: profile.name,
    minutes,
    requestsPerMonth,
    meanRps: requestsPerMonth / (hoursPerMonth * 3600),
    peakRps: Math.max(0, ...counts) / 60,
    quietestRps: minutes === 0 ? 0 : Math.min(...counts) / 60,
    doublingsWithin5Min: growth?.count ?? null,
    steepestGrowth: growth?.steepest ?? null,
  };
}

/** Sliding 5-minute windows compared with the 5 minutes just before, by prefix sums. */
function doublings(counts: readonly number[]): { count: number; steepest: { ratio: number; atMinute: number } | null } | null {
  if (counts.length < 2 * windowMinutes) return null;
  const prefix = [0];
  for (const count of counts) prefix.push((prefix.at(-1) ?? 0) + count);
  const sum = (from: number, to: number): number => (prefix[to] ?? 0) - (prefix[from] ?? 0);
  let count = 0;
  let steepest: { ratio: number; atMinute: number } | null = null;
  let inSurge = false;
  for (let start = windowMinutes; start + windowMinutes <= counts.length; start++) {
    const before = sum(start - windowMinutes, start);
    const after = sum(start, start + windowMinutes);
    const ratio = before > 0 ? after / before : Number.POSITIVE_INFINITY;
    const surge = after >= minRequestsPerWindow && ratio > 2;
    // One surge spans several overlapping windows: count it once.
    if (surge && !inSurge) count += 1;
    inSurge = surge;
    if (surge && (steepest === null || ratio > steepest.ratio)) steepest = { ratio, atMinute: start };
  }
  return { count, steepest };
}
