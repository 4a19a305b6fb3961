/**
 * The one builder of the cost model's options from a plan (a BenchPlan, or the PlanJson a run
 * file keeps): bench prices its run with it, `cost crossover` starts from it before its flags
 * override, and the tests' priced sweeps use it, so all price a run with the settings it was
 * made with. Pure.
 */
import type { Architecture, TrafficProfile } from '../domain.ts';
import type { AttachOptions } from './attach.ts';

/** What of a plan the prices depend on (BenchPlan and PlanJson both have this shape). */
export interface PricedPlan {
  pricing: { lambdaDiscount?: number | undefined; lmiDiscount: number; freeTier: boolean };
  lambda: { architecture: Architecture };
  lmi: {
    instanceType: string;
    instancePinned?: boolean | undefined;
    instanceTypes?: string[] | undefined;
    minEnvironments: number;
    functionsPerProvider?: number | undefined;
    reserveVcpus?: number | undefined;
    reserveMemoryGiB?: number | undefined;
  };
  traffic?: { traffic: TrafficProfile } | undefined;
}

export function costOptionsFromPlan(plan: PricedPlan): AttachOptions & Required<Pick<AttachOptions, 'functionsPerProvider' | 'reservation'>> {
  // Plans made before instance choice pinned their type (no instancePinned); a plan that chose
  // keeps its candidate set.
  const pinned = plan.lmi.instancePinned !== false;
  const instanceTypes = plan.lmi.instanceTypes;
  return {
    lambdaDiscount: plan.pricing.lambdaDiscount ?? 0,
    lmiDiscount: plan.pricing.lmiDiscount,
    freeTier: plan.pricing.freeTier,
    architecture: plan.lambda.architecture,
    ...(pinned ? { instanceType: plan.lmi.instanceType } : instanceTypes !== undefined ? { instanceTypes } : {}),
    minEnvironments: plan.lmi.minEnvironments,
    functionsPerProvider: plan.lmi.functionsPerProvider ?? 1,
    reservation: { vcpus: plan.lmi.reserveVcpus ?? 0, memoryGiB: plan.lmi.reserveMemoryGiB ?? 0 },
    ...(plan.traffic ? { profile: plan.traffic.traffic } : {}),
  };
}
