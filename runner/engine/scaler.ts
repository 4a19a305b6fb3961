/**
 * The LMI scaling decision, as a pure function of what the scaler observed over one interval.
 * The service scales asynchronously on multi-concurrency saturation and CPU, keeping headroom
 * for traffic to double (so it targets half-used slots and half-used CPU), and scales in idle
 * environments after a delay, never below the minimum.
 */
export const targetSlotUtilization = 0.5;
export const targetCpuUtilization = 0.5;

export interface ScalerObservation {
  environments: number;
  /** Environments still starting (count towards the target, so a tick does not repeat itself). */
  starting: number;
  minEnvironments: number;
  /** Ceiling from maxEnvironments; the vCPU limit is enforced by placement. */
  maxEnvironments: number;
  slotsPerEnvironment: number;
  /** Most invocations in flight at once during the interval. */
  peakInFlight: number;
  throttles: number;
  /** Mean CPU utilisation of the environments over the interval, 0-1 of their vCPUs. */
  cpuUtilization: number;
  /** Environments with nothing in flight for at least the scale-in delay. */
  idleEnvironments: number;
}

export type ScalerDecision = { action: 'none' } | { action: 'out'; add: number } | { action: 'in'; remove: number };

export function scaleDecision(o: ScalerObservation): ScalerDecision {
  const current = o.environments + o.starting;
  const forSlots = Math.ceil(o.peakInFlight / (o.slotsPerEnvironment * targetSlotUtilization));
  const forCpu = Math.ceil((o.environments * o.cpuUtilization) / targetCpuUtilization);
  // Throttles mean the slots were saturated: at least double what was there.
  const forThrottles = o.throttles > 0 ? Math.max(1, o.environments) * 2 : 0;
  const desired = Math.min(o.maxEnvironments, Math.max(o.minEnvironments, forSlots, forCpu, forThrottles));
  if (desired > current) return { action: 'out', add: desired - current };
  if (desired < o.environments && o.idleEnvironments > 0) {
    return { action: 'in', remove: Math.min(o.idleEnvironments, o.environments - Math.max(desired, o.minEnvironments)) };
  }
  return { action: 'none' };
}
