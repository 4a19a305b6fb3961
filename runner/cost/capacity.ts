/**
 * The LMI capacity model: how many execution environments and instances a sustained request
 * rate needs, from what was measured. Pure. Each assumption is listed by capacityAssumptions()
 * so a report can print what its LMI numbers rest on.
 */
import { UsageError } from '../errors.ts';
import { requireFraction, requireInteger, requireNonNegative, requirePositive } from './numbers.ts';

export interface LmiCapacityInput {
  requestsPerSecond: number;
  /** Measured CPU time per request; null when unmeasured (the CPU bound is then not applied). */
  cpuSecondsPerRequest: number | null;
  /** Measured mean handler duration. */
  meanDurationMs: number;
  /** PerExecutionEnvironmentMaxConcurrency: concurrent invocations one environment takes. */
  maxConcurrency: number;
  memoryMb: number;
  /** ExecutionEnvironmentMemoryGiBPerVCpu. */
  gibPerVcpu: number;
  /** The instance type's shape. */
  instanceVcpus: number;
  instanceMemoryGiB: number;
  /** CPU utilisation an environment is run at before another is added (default 0.7). */
  targetCpuUtilization?: number;
  /** Spare capacity kept for growth: the service keeps room for traffic to double in 5 minutes (default 2). */
  headroomFactor?: number;
  /** Minimum execution environments per version (service default 3). */
  minEnvironments?: number;
  /** Minimum instances (service default 3, one per AZ). */
  minInstances?: number;
}

export type CapacityBinding = 'minimum' | 'slots' | 'cpu';

export interface LmiCapacity {
  environments: number;
  instances: number;
  /** Little's law: concurrent invocations = rate × mean duration. */
  concurrentInvocations: number;
  /** vCPUs busy at the rate: rate × CPU-seconds per request. */
  cpuDemandVcpus: number | null;
  vcpusPerEnvironment: number;
  environmentsPerInstance: number;
  environmentsForSlots: number;
  environmentsForCpu: number | null;
  /** Which constraint set the environment count. */
  binding: CapacityBinding;
}

export const capacityDefaults = {
  targetCpuUtilization: 0.7,
  headroomFactor: 2,
  minEnvironments: 3,
  minInstances: 3,
} as const;

export function lmiCapacity(input: LmiCapacityInput): LmiCapacity {
  const target = input.targetCpuUtilization ?? capacityDefaults.targetCpuUtilization;
  const headroom = input.headroomFactor ?? capacityDefaults.headroomFactor;
  const minEnvironments = input.minEnvironments ?? capacityDefaults.minEnvironments;
  const minInstances = input.minInstances ?? capacityDefaults.minInstances;
  requireNonNegative('request rate', input.requestsPerSecond);
  requireNonNegative('mean duration (ms)', input.meanDurationMs);
  if (input.cpuSecondsPerRequest !== null) requireNonNegative('CPU seconds per request', input.cpuSecondsPerRequest);
  requireInteger('max concurrency', input.maxConcurrency, 1);
  requirePositive('memory (MB)', input.memoryMb);
  requirePositive('GiB per vCPU', input.gibPerVcpu);
  requirePositive('instance vCPUs', input.instanceVcpus);
  requirePositive('instance memory (GiB)', input.instanceMemoryGiB);
  requireFraction('target CPU utilisation', target);
  if (target === 0) throw new UsageError('target CPU utilisation must be > 0');
  if (!Number.isFinite(headroom) || headroom < 1) throw new UsageError(`headroom factor must be ≥ 1, got ${headroom}`);
  requireInteger('minimum environments', minEnvironments, 0);
  requireInteger('minimum instances', minInstances, 0);

  const memoryGiB = input.memoryMb / 1024;
  const vcpusPerEnvironment = memoryGiB / input.gibPerVcpu;
  // An environment is placed whole on one instance: both its vCPUs and its memory must fit.
  const environmentsPerInstance = Math.floor(Math.min(input.instanceVcpus / vcpusPerEnvironment, input.instanceMemoryGiB / memoryGiB) + 1e-9);
  if (environmentsPerInstance < 1) {
    throw new UsageError(
      `an environment of ${memoryGiB} GiB / ${vcpusPerEnvironment} vCPU does not fit on an instance of ${input.instanceMemoryGiB} GiB / ${input.instanceVcpus} vCPU`,
    );
  }

  const concurrentInvocations = input.requestsPerSecond * (input.meanDurationMs / 1000);
  const environmentsForSlots = ceilCount((concurrentInvocations * headroom) / input.maxConcurrency);
  const cpuDemandVcpus = input.cpuSecondsPerRequest === null ? null : input.requestsPerSecond * input.cpuSecondsPerRequest;
  const environmentsForCpu = cpuDemandVcpus === null ? null : ceilCount((cpuDemandVcpus * headroom) / (vcpusPerEnvironment * target));

  const environments = Math.max(minEnvironments, environmentsForSlots, environmentsForCpu ?? 0);
  const binding: CapacityBinding =
    environments === minEnvironments && environments >= environmentsForSlots && environments >= (environmentsForCpu ?? 0)
      ? 'minimum'
      : (environmentsForCpu ?? 0) >= environmentsForSlots
        ? 'cpu'
        : 'slots';
  const instances = Math.max(minInstances, Math.ceil(environments / environmentsPerInstance));
  return {
    environments,
    instances,
    concurrentInvocations,
    cpuDemandVcpus,
    vcpusPerEnvironment,
    environmentsPerInstance,
    environmentsForSlots,
    environmentsForCpu,
    binding,
  };
}

/** Ceil that does not turn 3.0000000000000004 (float noise) into 4. */
function ceilCount(value: number): number {
  return Math.ceil(value - 1e-9);
}

/** The assumptions behind lmiCapacity, in words a report can print. */
export function capacityAssumptions(input: Pick<LmiCapacityInput, 'targetCpuUtilization' | 'headroomFactor' | 'minEnvironments' | 'minInstances' | 'cpuSecondsPerRequest'>): string[] {
  const target = input.targetCpuUtilization ?? capacityDefaults.targetCpuUtilization;
  const headroom = input.headroomFactor ?? capacityDefaults.headroomFactor;
  const minEnvironments = input.minEnvironments ?? capacityDefaults.minEnvironments;
  const minInstances = input.minInstances ?? capacityDefaults.minInstances;
  return [
    "Concurrent invocations at a sustained rate follow Little's law: rate × measured mean duration.",
    'An execution environment takes up to PerExecutionEnvironmentMaxConcurrency invocations at once.',
    `Environments keep ${headroom}× headroom over the load (the service keeps room for traffic to double within 5 minutes).`,
    input.cpuSecondsPerRequest === null
      ? 'CPU per request was not measured, so only the slot limit sizes the environments.'
      : `CPU demand = rate × measured CPU-seconds per request; an environment is filled to ${Math.round(target * 100)}% of its vCPUs (memory ÷ GiB-per-vCPU).`,
    `Never fewer than ${minEnvironments} environments and ${minInstances} instances (AZ spread); LMI does not scale to zero.`,
    "Environments are packed whole onto instances of the chosen type by vCPUs and memory; memory the instance reserves for itself is not modelled.",
    'Instances follow the load minute by minute; scaling lag is covered by the headroom, not modelled.',
    'Instance billing granularity is unverified for LMI (EC2 Linux bills per second; AWS examples use instance-hours).',
  ];
}
