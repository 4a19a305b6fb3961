/**
 * `cost lmi` without --instances: what LMI would run and cost for a sustained rate. The sizing
 * model picks the environments, the instances and (without a pinned type) the cheapest
 * candidate type; the cost lines are those of one hour of that fleet. Pure: prices come in.
 */
import type { Architecture } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { candidateTypeNames } from './candidates.ts';
import type { LmiCostBreakdown } from './lmi-cost.ts';
import type { InstanceReservation, LmiSizing } from '../capacity/lmi-sizing.ts';
import type { ScalingTarget } from '../capacity/scaling-target.ts';
import { lmiUsdPerHourAt } from './scenario.ts';

export interface LmiWhatIfInput {
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  durationMs: number;
  memoryMb: number;
  gibPerVcpu: number;
  maxConcurrency: number;
  target: ScalingTarget;
  architecture: Architecture;
  instanceType?: string;
  instanceTypes?: string[];
  lmiDiscount: number;
  rateDecimals?: number;
  minEnvironments?: number;
  functionsPerProvider?: number;
  reservation?: InstanceReservation;
}

export interface LmiWhatIf {
  environments: number;
  instances: number;
  instanceType: string;
  /** The fleet for one hour plus an hour of requests at the rate. */
  usdPerHour: number;
  /** One hour's cost lines (requests, EC2 after the discount, the management fee). */
  cost: LmiCostBreakdown;
  sizing: LmiSizing;
}

export function lmiWhatIf(input: LmiWhatIfInput, prices: PriceBook): LmiWhatIf {
  const instanceTypes = candidateTypeNames(prices, {
    architecture: input.architecture,
    ...(input.instanceType === undefined ? {} : { instanceType: input.instanceType }),
    ...(input.instanceTypes === undefined ? {} : { instanceTypes: input.instanceTypes }),
  });
  const lmi = lmiUsdPerHourAt(
    {
      instanceTypes,
      discount: input.lmiDiscount,
      ...(input.rateDecimals === undefined ? {} : { rateDecimals: input.rateDecimals }),
      capacity: {
        cpuSecondsPerRequest: input.cpuMsPerRequest / 1000,
        meanDurationMs: input.durationMs,
        maxConcurrency: input.maxConcurrency,
        memoryMb: input.memoryMb,
        gibPerVcpu: input.gibPerVcpu,
        target: input.target,
        ...(input.minEnvironments === undefined ? {} : { minEnvironments: input.minEnvironments }),
        ...(input.functionsPerProvider === undefined ? {} : { functionsPerProvider: input.functionsPerProvider }),
        ...(input.reservation === undefined ? {} : { reservation: input.reservation }),
      },
    },
    prices,
    input.requestsPerSecond,
  );
  return { environments: lmi.sizing.environments, instances: lmi.sizing.instances, instanceType: lmi.sizing.instanceType, usdPerHour: lmi.usdPerHour, cost: lmi.cost, sizing: lmi.sizing };
}
