/**
 * A month of traffic on each compute type. Lambda cost follows the requests; LMI capacity
 * follows the profile's rate minute by minute through the sizing model, with the service's lag:
 * capacity for a higher rate arrives `scaleOutDelayMin` after the rate rose, and capacity is
 * released only `scaleInDelayMin` after the rate fell. So at minute t LMI holds the capacity
 * sized for the highest rate in [t − scaleOut − scaleIn, t − scaleOut], never below the
 * minimum (no scale to zero). Minutes where traffic more than doubles within 5 minutes (and
 * needs more than the minimum) are counted as throttle risk, AWS's own wording for when Auto
 * scaling falls behind. The profile repeats to fill the month, so its start follows its end.
 */
import type { PriceBook } from '../pricing/price-book.ts';
import { UsageError } from '../errors.ts';
import { lmiCost } from './lmi-cost.ts';
import type { LmiSizing } from '../capacity/lmi-sizing.ts';
import { hoursPerMonth } from '../system/numbers.ts';
import type { TrafficProfile } from '../domain.ts';
import { lambdaMonthlyUsd, lmiSizingAt, type CostScenario } from './scenario.ts';

export interface ScalingLag {
  /** Minutes from a rise in demand to the capacity for it (default 5: AWS's doubling window). */
  scaleOutDelayMin: number;
  /** Minutes capacity is kept after demand fell (default 10; AWS says only that scale-in is gradual). */
  scaleInDelayMin: number;
}

export const defaultScalingLag: ScalingLag = { scaleOutDelayMin: 5, scaleInDelayMin: 10 };

/** AWS: "if your traffic more than doubles within 5 minutes, you may see throttles". */
export const doublingWindowMin = 5;

export interface ProfileCost {
  name: string;
  requestsPerMonth: number;
  lambdaUsdPerMonth: number;
  lmiUsdPerMonth: number;
  lmiInstanceHoursPerMonth: number;
  lmiInstancesMax: number;
  lmiInstancesMin: number;
  /** Instance-hours per month by the type chosen (the type can change with the rate). */
  lmiInstanceHoursByType: Record<string, number>;
  lag: ScalingLag;
  /** Minutes of the month where traffic more than doubled within 5 minutes beyond the minimum capacity. */
  throttleRiskMinutesPerMonth: number;
  /** The first such minutes of the profile (0-based), at most 10, for the report. */
  throttleRiskMinutes: number[];
  /** The minimum fleet charged to this function for the whole month, and its share of LMI's monthly cost. */
  floor: { instances: number; instanceType: string; usdPerMonth: number; shareOfLmi: number };
}

export function profileMonthlyCost(scenario: CostScenario, prices: PriceBook, profile: TrafficProfile, lag: ScalingLag = defaultScalingLag): ProfileCost {
  for (const [name, value] of Object.entries(lag)) {
    if (!Number.isInteger(value) || value < 0 || value > 24 * 60) throw new UsageError(`${name} must be a whole number of minutes from 0 to 1440, got ${value}`);
  }
  const minutes = profile.minuteRequests;
  const span = minutes.length;
  // Rates per second, read up to 16 times a minute below: a year of minutes (525,600) is a normal input.
  const rates = Float64Array.from(minutes, (count) => (count ?? 0) / 60);
  const rateAt = (minute: number): number => rates[minute >= 0 && minute < span ? minute : ((minute % span) + span) % span] ?? 0;
  // The span repeats to fill the month.
  const scale = (hoursPerMonth * 60) / span;
  const sized = new Map<number, LmiSizing>();
  const sizingAt = (rate: number): LmiSizing => {
    let sizing = sized.get(rate);
    if (!sizing) {
      sizing = lmiSizingAt(scenario.lmi, prices, rate);
      sized.set(rate, sizing);
    }
    return sizing;
  };

  const instanceMinutesByType = new Map<string, number>();
  let requests = 0;
  let instancesMax = 0;
  let instancesMin = Number.POSITIVE_INFINITY;
  const risk: number[] = [];
  for (let minute = 0; minute < span; minute++) {
    const rate = rateAt(minute);
    requests += rate * 60;
    // The capacity in effect: sized for the highest rate the lag window still holds.
    let heldRate = 0;
    for (let back = lag.scaleOutDelayMin; back <= lag.scaleOutDelayMin + lag.scaleInDelayMin; back++) heldRate = Math.max(heldRate, rateAt(minute - back));
    const held = sizingAt(heldRate);
    instanceMinutesByType.set(held.instanceType, (instanceMinutesByType.get(held.instanceType) ?? 0) + held.instances);
    instancesMax = Math.max(instancesMax, held.instances);
    instancesMin = Math.min(instancesMin, held.instances);

    let lowest = Number.POSITIVE_INFINITY;
    for (let back = 1; back <= doublingWindowMin && back < Math.max(2, span); back++) lowest = Math.min(lowest, rateAt(minute - back));
    if (span > 1 && rate > 2 * lowest && sizingAt(rate).binding !== 'minimum') risk.push(minute);
  }

  const requestsPerMonth = requests * scale;
  const lmiInstanceHoursByType: Record<string, number> = {};
  let instanceUsd = 0;
  for (const [instanceType, instanceMinutes] of instanceMinutesByType) {
    const hours = (instanceMinutes * scale) / 60;
    lmiInstanceHoursByType[instanceType] = hours;
    instanceUsd += lmiCost({ instanceType, instances: 1, hours, requests: 0, discount: scenario.lmi.discount, ...rateDecimals(scenario) }, prices).totalUsd;
  }
  const requestsUsd = lmiCost({ instanceType: sizingAt(0).instanceType, instances: 0, hours: 0, requests: requestsPerMonth, discount: scenario.lmi.discount }, prices).requestsUsd;
  const lmiUsdPerMonth = instanceUsd + requestsUsd;

  // The floor: what the minimum capacity alone costs for the month.
  const idle = sizingAt(0);
  const floorUsd = lmiCost({ instanceType: idle.instanceType, instances: idle.instances, hours: hoursPerMonth, requests: 0, discount: scenario.lmi.discount, ...rateDecimals(scenario) }, prices).totalUsd;
  return {
    name: profile.name,
    requestsPerMonth,
    lambdaUsdPerMonth: lambdaMonthlyUsd(scenario.lambda, prices, requestsPerMonth),
    lmiUsdPerMonth,
    lmiInstanceHoursPerMonth: Object.values(lmiInstanceHoursByType).reduce((a, b) => a + b, 0),
    lmiInstancesMax: instancesMax,
    lmiInstancesMin: instancesMin,
    lmiInstanceHoursByType,
    lag,
    throttleRiskMinutesPerMonth: risk.length * scale,
    throttleRiskMinutes: risk.slice(0, 10),
    floor: { instances: idle.instances, instanceType: idle.instanceType, usdPerMonth: floorUsd, shareOfLmi: lmiUsdPerMonth > 0 ? floorUsd / lmiUsdPerMonth : 0 },
  };
}

function rateDecimals(scenario: CostScenario): { rateDecimals?: number } {
  return scenario.lmi.rateDecimals === undefined ? {} : { rateDecimals: scenario.lmi.rateDecimals };
}
