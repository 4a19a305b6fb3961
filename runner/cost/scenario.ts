/**
 * Hourly cost of each compute type at a sustained request rate, from one set of model inputs
 * (a CostScenario). The crossover, the curves and the profile projection are all built on these.
 */
import type { Architecture } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { pricedCandidates } from './candidates.ts';
import { lambdaCost } from './lambda-cost.ts';
import { lmiCost, type LmiCostBreakdown } from './lmi-cost.ts';
import { sizeLmiCapacity, type LmiSizing, type LmiSizingInput } from '../capacity/lmi-sizing.ts';
import { hoursPerMonth, requestsPerMonthAt } from '../system/numbers.ts';

export interface LambdaScenario {
  meanDurationMs: number;
  memoryMb: number;
  architecture: Architecture;
  ephemeralMb?: number;
  freeTier: boolean;
  /** Compute Savings Plans discount on the duration charge, 0–0.17 (default 0). */
  discount?: number;
}

export interface LmiScenario {
  /** Instance types to choose from at each rate (one pins the type). */
  instanceTypes: string[];
  /** Commitment discount on the EC2 part, 0–0.72; never on the management fee. */
  discount: number;
  rateDecimals?: number;
  /** Everything the sizing model needs except the rate and the priced candidates. */
  capacity: Omit<LmiSizingInput, 'requestsPerSecond' | 'candidates'>;
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
  return lambdaMonthlyUsd(scenario, prices, requestsPerMonthAt(requestsPerSecond)) / hoursPerMonth;
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
      ...(scenario.discount === undefined ? {} : { durationDiscount: scenario.discount }),
    },
    prices,
  ).totalUsd;
}

export function lmiSizingAt(scenario: LmiScenario, prices: PriceBook, requestsPerSecond: number): LmiSizing {
  const candidates = pricedCandidates(prices, scenario.instanceTypes, scenario.discount, scenario.rateDecimals);
  return sizeLmiCapacity({ ...scenario.capacity, requestsPerSecond, candidates });
}

/** LMI's cost per hour at a sustained rate: the sized fleet of the cheapest type for one hour, plus requests. */
export function lmiUsdPerHourAt(scenario: LmiScenario, prices: PriceBook, requestsPerSecond: number): { usdPerHour: number; sizing: LmiSizing; cost: LmiCostBreakdown } {
  const sizing = lmiSizingAt(scenario, prices, requestsPerSecond);
  const cost = lmiCost(
    {
      instanceType: sizing.instanceType,
      instances: sizing.instances,
      hours: 1,
      requests: requestsPerSecond * 3600,
      discount: scenario.discount,
      ...(scenario.rateDecimals === undefined ? {} : { rateDecimals: scenario.rateDecimals }),
    },
    prices,
  );
  return { usdPerHour: cost.totalUsd, sizing, cost };
}
