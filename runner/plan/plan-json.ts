/** The plan as run, for run.json: plain JSON, with the workload named rather than inlined. */
import type { BenchPlan } from './plan.ts';
import { planVariants } from './variants.ts';

export function planToJson(plan: BenchPlan): Record<string, unknown> {
  const { workload, profile, ...rest } = plan;
  return {
    ...rest,
    workload: { name: workload.manifest.name, dir: workload.dir, builtIn: workload.builtIn },
    ...(profile ? { profile: profile.spec } : {}),
    variants: planVariants(plan),
  };
}
