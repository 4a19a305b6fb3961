/**
 * A month of traffic on each compute type. Lambda cost follows the requests; LMI instances
 * follow the profile's rate minute by minute through the capacity model, never below the
 * minimum (there is no scale to zero).
 */
import type { PriceBook } from '../pricing/price-book.ts';
import { lmiCost } from './lmi-cost.ts';
import { hoursPerMonth } from './numbers.ts';
import { lambdaMonthlyUsd, lmiCapacityAt, type CostScenario } from './scenario.ts';
import type { TrafficProfile } from '../domain.ts';

export interface ProfileCost {
  name: string;
  requestsPerMonth: number;
  lambdaUsdPerMonth: number;
  lmiUsdPerMonth: number;
  lmiInstanceHoursPerMonth: number;
  lmiInstancesMax: number;
  lmiInstancesMin: number;
}

export function profileMonthlyCost(scenario: CostScenario, prices: PriceBook, profile: TrafficProfile): ProfileCost {
  const minutesPerMonth = hoursPerMonth * 60;
  // The profile's span repeats to fill the month.
  const scale = minutesPerMonth / profile.minuteRequests.length;
  const instancesByCount = new Map<number, number>();
  let requests = 0;
  let instanceMinutes = 0;
  let instancesMax = 0;
  let instancesMin = Number.POSITIVE_INFINITY;
  for (const count of profile.minuteRequests) {
    let instances = instancesByCount.get(count);
    if (instances === undefined) {
      instances = lmiCapacityAt(scenario.lmi, prices, count / 60).instances;
      instancesByCount.set(count, instances);
    }
    requests += count;
    instanceMinutes += instances;
    instancesMax = Math.max(instancesMax, instances);
    instancesMin = Math.min(instancesMin, instances);
  }
  const requestsPerMonth = requests * scale;
  const lmiInstanceHoursPerMonth = (instanceMinutes * scale) / 60;
  const lmi = lmiCost(
    {
      instanceType: scenario.lmi.instanceType,
      instances: 1,
      hours: lmiInstanceHoursPerMonth,
      requests: requestsPerMonth,
      discount: scenario.lmi.discount,
      ...(scenario.lmi.rateDecimals === undefined ? {} : { rateDecimals: scenario.lmi.rateDecimals }),
    },
    prices,
  );
  return {
    name: profile.name,
    requestsPerMonth,
    lambdaUsdPerMonth: lambdaMonthlyUsd(scenario.lambda, prices, requestsPerMonth),
    lmiUsdPerMonth: lmi.totalUsd,
    lmiInstanceHoursPerMonth,
    lmiInstancesMax: instancesMax,
    lmiInstancesMin: instancesMin,
  };
}
