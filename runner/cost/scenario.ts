/**
 * Hourly cost of each compute type at a sustained request rate, from one set of model inputs
 * (a CostScenario). The crossover, the curves and the profile projection are all built on these.
 */
import type { Architecture } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { pricedCandidates } from './candidates.ts';
import { lambdaCost } from './lambda-cost.ts';
import { lmiCost, type LmiCostBreakdown } from './lmi-cost.ts';
import { sizeLmiCapacity, type InstanceCandidate, type InstanceReservation, type LmiSizing, type LmiSizingInput } from '../capacity/lmi-sizing.ts';
import type { ScalingTarget } from '../capacity/scaling-target.ts';
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
 * The settings a price depends on beyond what was measured: discounts, free tier, architecture
 * and the LMI sizing settings. One shape for every caller (bench and cost crossover through
 * AttachOptions, advise through its options), turned into scenarios by the two builders below.
 */
export interface CostSettings {
  /** Compute Savings Plans on Lambda duration, 0–0.17. */
  lambdaDiscount: number;
  /** Commitment discount on LMI's EC2 part, 0–0.72 (never on the management fee). */
  lmiDiscount: number;
  freeTier: boolean;
  architecture: Architecture;
  minEnvironments: number;
  /** Sizing settings (lmi-sizing.ts defaults when absent). */
  minInstances?: number;
  functionsPerProvider?: number;
  reservation?: InstanceReservation;
  rateDecimals?: number;
}

/** Standard Lambda's scenario from what was measured (or read) of a function and the settings. */
export function lambdaScenarioFor(measured: { meanDurationMs: number; memoryMb: number }, settings: CostSettings): LambdaScenario {
  return { meanDurationMs: measured.meanDurationMs, memoryMb: measured.memoryMb, architecture: settings.architecture, freeTier: settings.freeTier, discount: settings.lambdaDiscount };
}

/** What the LMI sizing needs of a function beyond the settings. */
export interface MeasuredLmi {
  cpuSecondsPerRequest: number | null;
  meanDurationMs: number;
  maxConcurrency: number;
  memoryMb: number;
  gibPerVcpu: number;
  /** The scaling target it ran with; Auto when absent. */
  target?: ScalingTarget;
}

/** LMI's scenario from what was measured of a function, the settings and the candidate instance types. */
export function lmiScenarioFor(measured: MeasuredLmi, settings: CostSettings, instanceTypes: string[]): LmiScenario {
  const { target, ...rest } = measured;
  return {
    instanceTypes,
    discount: settings.lmiDiscount,
    capacity: {
      ...rest,
      minEnvironments: settings.minEnvironments,
      ...(target === undefined ? {} : { target }),
      ...(settings.minInstances === undefined ? {} : { minInstances: settings.minInstances }),
      ...(settings.functionsPerProvider === undefined ? {} : { functionsPerProvider: settings.functionsPerProvider }),
      ...(settings.reservation === undefined ? {} : { reservation: settings.reservation }),
    },
    ...(settings.rateDecimals === undefined ? {} : { rateDecimals: settings.rateDecimals }),
  };
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
  return sizeLmiCapacity({ ...scenario.capacity, requestsPerSecond, candidates: candidatesOf(scenario, prices) });
}

/**
 * The scenario's priced candidates, made once per scenario and price book: a crossover scan sizes
 * thousands of rates with one scenario object (a discount varied is a new object), and pricing
 * them at each rate took ~30 of a bench's ~200 ms of cost computation.
 */
const candidateCache = new WeakMap<LmiScenario, { prices: PriceBook; candidates: readonly InstanceCandidate[] }>();

function candidatesOf(scenario: LmiScenario, prices: PriceBook): readonly InstanceCandidate[] {
  const cached = candidateCache.get(scenario);
  if (cached?.prices === prices) return cached.candidates;
  const candidates = Object.freeze(pricedCandidates(prices, scenario.instanceTypes, scenario.discount, scenario.rateDecimals));
  candidateCache.set(scenario, { prices, candidates });
  return candidates;
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
