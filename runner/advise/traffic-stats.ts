/**
 * What a traffic profile says before any price: its monthly volume and its mean, peak and
 * quietest rates. (How often it more than doubles within 5 minutes is the cost model's: see
 * throttle-risk minutes in cost/monthly.ts.) Pure.
 */
import { hoursPerMonth, requestsPerSecondFor } from '../system/numbers.ts';
import type { TrafficProfile } from '../domain.ts';
import { maxOf, minOf } from '../system/extremes.ts';
import { sum } from '../system/sum.ts';

export interface TrafficStats {
  name: string;
  /** Minutes the profile covers (it repeats to fill the month). */
  minutes: number;
  requestsPerMonth: number;
  meanRps: number;
  peakRps: number;
  quietestRps: number;
}

export function trafficStats(profile: TrafficProfile): TrafficStats {
  const counts = profile.minuteRequests;
  const minutes = counts.length;
  const requestsPerMonth = sum(counts) * ((hoursPerMonth * 60) / Math.max(minutes, 1));
  return {
    name: profile.name,
    minutes,
    requestsPerMonth,
    meanRps: requestsPerSecondFor(requestsPerMonth),
    peakRps: Math.max(0, maxOf(counts, 0)) / 60,
    quietestRps: minOf(counts, 0) / 60,
  };
}
