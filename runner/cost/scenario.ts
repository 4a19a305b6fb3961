/**
 * Hourly cost of each compute type at a sustained request rate, from one set of model inputs
 * (a CostScenario). The crossover, the curves and the profile projection are all built on these.
 */
import type { PriceBook } from '../pricing/price-book.ts';
import { lmiCapacity, type LmiCapacity, type LmiCapacityInput } from './capacity.ts';
import { lambdaCost } from './lambda-cost.ts';
import { instancePrice, lmiCost } from './lmi-cost.ts';
import { hoursPerMonth } from './numbers.ts';
import type { Architecture } from '../domain.ts';

export interface LambdaScenario {
  meanDurationMs: number;
  memoryMb: number;
  architecture: Architecture;
  ephemeralMb?: number;
  freeTier: boolean;
}

export interface LmiScenario {
  instanceType: string;
  discount: number;
  rateDecimals?: number;
  /** Everything the capacity model needs except the rate and the instance shape (from the price book). */
  capacity: Omit<LmiCapacityInput, 'requestsPerSecond' | 'instanceVcpus' | 'instanceMemoryGiB'>;
}

export interface CostScenario {
  lambda: LambdaScenario;
  lmi: LmiScenario;
}

/**
 * Lambda's cost per hour at a sustained rate. Volume tiers and the free tier are monthly, so
 * the month at that rate is priced and divided by the hours in a month.
 */
export function lambdaUsdPerHourAt(scenario: LambdaScenario, prices: PriceBook, requestsPerSecond: number): number {
  return lambdaMonthlyUsd(scenario, prices, requestsPerSecond * 3600 * hoursPerMonth) / hoursPerMonth;
}

export function lambdaMonthlyUsd(scenario: LambdaScenario, prices: PriceBook, requestsPerMonth: number): number {
  return lambdaCost(
    {
      requests: requestsPerMonth,
      billedDurationMs: scenario.meanDurationMs,
      memoryMb: scenario.memoryMb,
      architecture: scenario.architecture,
      ...(scenario.ephemeralMb === undefined ? {} : { ephemeralMb: scenario.ephemeralMb }),
      freeTier: scenario.freeTier,
    },
    prices,
  ).totalUsd;
}

export function lmiCapacityAt(scenario: LmiScenario, prices: PriceBook, requestsPerSecond: number): LmiCapacity {
  const shape = instancePrice(prices, scenario.instanceType);
  return lmiCapacity({ ...scenario.capacity, requestsPerSecond, instanceVcpus: shape.vcpus, instanceMemoryGiB: shape.memoryGiB });
}

/** LMI's cost per hour at a sustained rate: the capacity model's instances for one hour plus requests. */
export function lmiUsdPerHourAt(scenario: LmiScenario, prices: PriceBook, requestsPerSecond: number): { usdPerHour: number; capacity: LmiCapacity } {
  const capacity = lmiCapacityAt(scenario, prices, requestsPerSecond);
  const cost = lmiCost(
    {
      instanceType: scenario.instanceType,
      instances: capacity.instances,
      hours: 1,
      requests: requestsPerSecond * 3600,
      discount: scenario.discount,
      ...(scenario.rateDecimals === undefined ? {} : { rateDecimals: scenario.rateDecimals }),
    },
    prices,
  );
  return { usdPerHour: cost.totalUsd, capacity };
}
