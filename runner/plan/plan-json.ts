/** The plan as run, for run.json: plain JSON, with the workload named rather than inlined. */
import type { BenchPlan } from './plan.ts';
import { planVariants } from './variants.ts';

export function planToJson(plan: BenchPlan): Record<string, unknown> {
  const { workload, traffic, ...rest } = plan;
  return {
    ...rest,
    workload: { name: workload.manifest.name, dir: workload.dir, builtIn: workload.builtIn },
    ...(traffic ? { traffic: traffic.spec } : {}),
    variants: planVariants(plan),
  };
}
