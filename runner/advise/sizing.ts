/**
 * The one place advise meets the cost model (cost/scenario.ts on capacity/lmi-sizing.ts, the same
 * path `cost crossover` takes): the CostScenario of a function and its LMI settings, the month
 * of a traffic profile on both compute types, and the break-even rates.
 * Everything else in advise works on what these return, so a change in how LMI is sized
 * changes here only.
 */
import type { Architecture } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { crossover, type CrossoverAnalysis } from '../cost/crossover.ts';
import { profileMonthlyCost, type ProfileCost } from '../cost/monthly.ts';
import type { TrafficProfile } from '../domain.ts';
import { lambdaScenarioFor, lmiScenarioFor, type CostScenario, type CostSettings } from '../cost/scenario.ts';
import type { InstanceReservation } from '../capacity/lmi-sizing.ts';

export interface LmiSettings {
  memoryMb: number;
  /** PerExecutionEnvironmentMaxConcurrency. */
  maxConcurrency: number;
  /** ExecutionEnvironmentMemoryGiBPerVCpu. */
  gibPerVcpu: number;
  minEnvironments: number;
}

export interface SizingInput {
  meanDurationMs: number;
  lambdaMemoryMb: number;
  architecture: Architecture;
  /** CPU time per request; null when unknown (then only the slot limit sizes LMI). */
  cpuMsPerRequest: number | null;
  freeTier: boolean;
  /** Candidate instance types; the sizing model takes the cheapest fleet at each rate (one pins the type). */
  instanceTypes: string[];
  lmiDiscount: number;
  /** Compute Savings Plans discount on Lambda duration. */
  lambdaDiscount: number;
  /** Functions sharing the capacity provider's instance floor. */
  functionsPerProvider: number;
  /** Per-instance reservation (default: the sizing model's). */
  reservation?: InstanceReservation;
  settings: LmiSettings;
}

/** The function and its settings as the cost model's scenario, through the builders bench and cost crossover use. */
export function costScenario(input: SizingInput): CostScenario {
  const settings: CostSettings = {
    lambdaDiscount: input.lambdaDiscount,
    lmiDiscount: input.lmiDiscount,
    freeTier: input.freeTier,
    architecture: input.architecture,
    minEnvironments: input.settings.minEnvironments,
    functionsPerProvider: input.functionsPerProvider,
    ...(input.reservation === undefined ? {} : { reservation: input.reservation }),
  };
  const lmi = {
    cpuSecondsPerRequest: input.cpuMsPerRequest === null ? null : input.cpuMsPerRequest / 1000,
    meanDurationMs: input.meanDurationMs,
    maxConcurrency: input.settings.maxConcurrency,
    memoryMb: input.settings.memoryMb,
    gibPerVcpu: input.settings.gibPerVcpu,
  };
  return {
    lambda: lambdaScenarioFor({ meanDurationMs: input.meanDurationMs, memoryMb: input.lambdaMemoryMb }, settings),
    lmi: lmiScenarioFor(lmi, settings, input.instanceTypes),
  };
}

/** A month of the profile on both compute types (LMI instances follow it minute by minute). */
export function monthOf(input: SizingInput, prices: PriceBook, profile: TrafficProfile): ProfileCost {
  return profileMonthlyCost(costScenario(input), prices, profile);
}

/** Rates where the cheaper compute type switches, ascending, and the cost curves at `curvePoints` rates. */
export function crossoverAnalysis(input: SizingInput, prices: PriceBook, curvePoints = 2): CrossoverAnalysis {
  return crossover(costScenario(input), prices, undefined, curvePoints);
}

/** Which of two hourly costs is lower at a sustained rate: > 0 when LMI is cheaper. */
export function lmiAdvantageAt(input: SizingInput, prices: PriceBook, requestsPerSecond: number): number {
  const month = profileMonthlyCost(costScenario(input), prices, { name: 'point', minuteRequests: [requestsPerSecond * 60] });
  return month.lambdaUsdPerMonth - month.lmiUsdPerMonth;
}
