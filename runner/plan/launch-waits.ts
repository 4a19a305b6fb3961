/**
 * The LMI levels of a local plan whose warm-up scales out onto instances that must launch first:
 * the sweep then waits for them (sweep/settle-capacity.ts), about the launch delay (60 s by
 * default), before the trials. The plan's wall time counts those waits; without them a sweep
 * of small --lmi-max-concurrency values took twice its estimate.
 *
 * It follows the engine's rules (engine/placement.ts, engine/scaler.ts), per LMI variant (each
 * is its own function with its own 3 base instances, removed before the next): environments
 * pack onto the emulated instance type as the sizing model packs them; the warm-up sees one
 * scaler tick (it lasts about one 2 s interval), where the requests in flight are at most the
 * slots already up, so the scaler asks for that demand at the slot target, or double the
 * environments when the slots are full and requests are throttled. More environments than the
 * running instances hold means a launch, and a wait. Whatever the trials add stays up for the
 * variant's next levels (the scale-in delay outlasts a level). Pure.
 */
import type { Variant } from '../domain.ts';
import { environmentShape, environmentsPerInstance, sizingDefaults } from '../capacity/lmi-sizing.ts';
import { resolveScalingTarget } from '../capacity/scaling-target.ts';
import { instanceShape } from '../pricing/instance-types.ts';
import type { BenchPlan } from './plan.ts';

export interface LaunchWait {
  variantId: string;
  concurrency: number;
  /** Environments the warm-up's scale-out asks for, beyond what the running instances hold. */
  environments: number;
}

/** Closed-loop levels only: an open-loop level's requests in flight depend on a duration not known before the run. */
export function predictedLaunchWaits(plan: BenchPlan & { rates?: number[] }, variants: readonly Variant[]): LaunchWait[] {
  if (plan.target !== 'local' || !((plan.lmi.instanceLaunchDelaySec ?? 0) > 0) || (plan.rates?.length ?? 0) > 0 || plan.warmupSec <= 0) return [];
  const instance = instanceShape(plan.lmi.instanceType);
  const reservation = { vcpus: plan.lmi.reserveVcpus ?? 0, memoryGiB: plan.lmi.reserveMemoryGiB ?? 0 };
  return variants.flatMap((variant) => {
    const { maxConcurrency, gibPerVcpu, memoryMb, targetCpuPercent } = variant.settings;
    if (variant.mode !== 'lmi' || maxConcurrency === undefined || gibPerVcpu === undefined) return [];
    const perInstance = environmentsPerInstance(instance, environmentShape(memoryMb, gibPerVcpu), reservation);
    if (perInstance < 1) return [];
    const slotTarget = resolveScalingTarget(targetCpuPercent === undefined ? { mode: 'auto' } : { mode: 'manual', cpuPercent: targetCpuPercent }).slotUtilization;
    return variantWaits(variant.id, [...plan.concurrency].sort((a, b) => a - b), { perInstance, maxConcurrency, slotTarget, minEnvironments: plan.lmi.minEnvironments });
  });
}

function variantWaits(variantId: string, levels: number[], v: { perInstance: number; maxConcurrency: number; slotTarget: number; minEnvironments: number }): LaunchWait[] {
  const forInFlight = (inFlight: number): number => Math.ceil(inFlight / (v.maxConcurrency * v.slotTarget) - 1e-9);
  let environments = v.minEnvironments;
  let instances = Math.max(sizingDefaults.minInstances, Math.ceil(environments / v.perInstance));
  const waits: LaunchWait[] = [];
  for (const concurrency of levels) {
    const slots = environments * v.maxConcurrency;
    const throttled = concurrency > slots;
    const asked = Math.max(environments, forInFlight(Math.min(concurrency, slots)), throttled ? environments * 2 : 0);
    if (asked > instances * v.perInstance) {
      waits.push({ variantId, concurrency, environments: asked - instances * v.perInstance });
      instances = Math.ceil(asked / v.perInstance);
    }
    // The trials go on scaling towards the level's demand; those environments and instances stay.
    environments = Math.max(asked, forInFlight(concurrency), v.minEnvironments);
    instances = Math.max(instances, Math.ceil(environments / v.perInstance));
  }
  return waits;
}
