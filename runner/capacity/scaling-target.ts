/**
 * The one LMI scaling target, shared by the engine's scaler, the capacity model and the CDK
 * stack. There is no other headroom factor: a target is the only place spare capacity enters.
 *
 * - Auto (the service default) is read as "keep room for traffic to double": AWS says that if
 *   traffic more than doubles within 5 minutes you may see throttles, so Auto is modelled as
 *   50% average CPU and 50% of concurrency slots (docs/lmi-facts.md states the reading).
 * - Manual is a target tracking policy on the capacity provider's average CPU utilisation
 *   (`--lmi-target-cpu N`). AWS publishes no separate slot target; the same N is used for
 *   slots so that one number sets the headroom everywhere.
 *
 * Pure, and imports only the error type: the engine imports it too.
 */
import { UsageError } from '../errors.ts';

export type ScalingTarget = { mode: 'auto' } | { mode: 'manual'; cpuPercent: number };

export interface ResolvedScalingTarget {
  mode: ScalingTarget['mode'];
  /** Average CPU utilisation of the environments' vCPUs the scaler holds, 0–1. */
  cpuUtilization: number;
  /** Share of concurrency slots (maxConcurrency × environments) the scaler lets fill, 0–1. */
  slotUtilization: number;
}

export const autoScalingTarget: ScalingTarget = { mode: 'auto' };

/** Auto: room for traffic to double. */
export const autoTargetUtilization = 0.5;

/** Range a manual target tracking value may take (percent of average CPU). */
export const manualTargetPercent = { min: 1, max: 100 } as const;

export function resolveScalingTarget(target: ScalingTarget = autoScalingTarget): ResolvedScalingTarget {
  if (target.mode === 'auto') return { mode: 'auto', cpuUtilization: autoTargetUtilization, slotUtilization: autoTargetUtilization };
  const { cpuPercent } = target;
  if (!Number.isFinite(cpuPercent) || cpuPercent < manualTargetPercent.min || cpuPercent > manualTargetPercent.max) {
    throw new UsageError(`a manual LMI target CPU must be from ${manualTargetPercent.min} to ${manualTargetPercent.max} percent, got ${cpuPercent}`);
  }
  return { mode: 'manual', cpuUtilization: cpuPercent / 100, slotUtilization: cpuPercent / 100 };
}

/** `auto` or `cpu 70%`, for reports and variant ids. */
export function describeScalingTarget(target: ScalingTarget = autoScalingTarget): string {
  return target.mode === 'auto' ? 'Auto (read as 50% CPU and 50% of slots)' : `Manual: target tracking at ${target.cpuPercent}% average CPU`;
}
