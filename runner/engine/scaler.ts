/**
 * The LMI scaling decision, as a pure function of what the scaler observed over one interval.
 * The service scales asynchronously on CPU and multi-concurrency saturation towards one target
 * (capacity/scaling-target.ts: Auto is read as 50% CPU and 50% of slots; Manual is the user's
 * target tracking CPU value), and the environment count comes from the sizing model's own rule
 * (environmentsForDemand), fed with what was observed instead of what was predicted. Above
 * that count, idle environments are scaled in, never below the minimum; when none is idle (the
 * router spreads load over all of them) the surplus is drained: it takes no new invocation and
 * is retired when its last one ends. The caller applies the scale-in delay to both.
 */
import { environmentsForDemand } from '../capacity/lmi-sizing.ts';
import type { ResolvedScalingTarget } from '../capacity/scaling-target.ts';

export interface ScalerObservation {
  environments: number;
  /** Environments still starting (count towards the target, so a tick does not repeat itself). */
  starting: number;
  minEnvironments: number;
  /** Ceiling from maxEnvironments; the vCPU limit is enforced by placement. */
  maxEnvironments: number;
  slotsPerEnvironment: number;
  vcpusPerEnvironment: number;
  /** Most invocations in flight at once during the interval. */
  peakInFlight: number;
  throttles: number;
  /**
   * Environments in service when the throttles happened: the doubling is of the capacity that
   * was saturated, not of environments that became ready later in the interval.
   */
  environmentsWhenThrottled?: number;
  /** Mean CPU utilisation of the environments over the interval, 0-1 of their vCPUs. */
  cpuUtilization: number;
  /** Environments with nothing in flight for at least the scale-in delay. */
  idleEnvironments: number;
  target: ResolvedScalingTarget;
}

export type ScalerDecision = { action: 'none' } | { action: 'out'; add: number } | { action: 'in'; remove: number } | { action: 'drain'; remove: number };

export function scaleDecision(o: ScalerObservation): ScalerDecision {
  const current = o.environments + o.starting;
  const needed = environmentsForDemand({
    cpuDemandVcpus: o.environments * o.cpuUtilization * o.vcpusPerEnvironment,
    inFlight: o.peakInFlight,
    vcpusPerEnvironment: o.vcpusPerEnvironment,
    maxConcurrency: o.slotsPerEnvironment,
    target: o.target,
    minEnvironments: o.minEnvironments,
  });
  // Throttles mean the slots were saturated: at least double what was there.
  const forThrottles = o.throttles > 0 ? Math.max(1, o.environmentsWhenThrottled ?? o.environments) * 2 : 0;
  const desired = Math.min(o.maxEnvironments, Math.max(needed.environments, forThrottles));
  if (desired > current) return { action: 'out', add: desired - current };
  const surplus = o.environments - Math.max(desired, o.minEnvironments);
  if (surplus <= 0 || o.starting > 0) return { action: 'none' };
  if (o.idleEnvironments > 0) return { action: 'in', remove: Math.min(o.idleEnvironments, surplus) };
  return { action: 'drain', remove: surplus };
}
