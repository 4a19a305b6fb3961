/**
 * The LMI sizing model: how many execution environments, on how many instances of which type,
 * a sustained request rate needs. Pure; prices come in as each candidate's hourly rate.
 *
 *   environments = max(minimum environments,
 *                      ⌈CPU demand ÷ (vCPUs per environment × target CPU)⌉,
 *                      ⌈requests in flight ÷ (maxConcurrency × target slots)⌉)
 *   instances    = max(minimum instances ÷ functions sharing the provider,
 *                      ⌈environments ÷ environments per instance⌉)
 *
 * CPU demand is rate × CPU-seconds per request; requests in flight follow Little's law (rate ×
 * mean duration). Environments per instance count BOTH the instance's vCPUs and its memory,
 * less a per-instance reservation. The target is the one scaling target (scaling-target.ts):
 * no other headroom factor exists. With several candidate instance types, the cheapest fleet
 * that holds the environments is chosen; one candidate pins the type.
 *
 * The engine's scaler and placement use environmentsForDemand() and environmentsPerInstance()
 * from here, so the model and the emulation size by the same rule.
 */
import { UsageError } from '../errors.ts';
import { requireInteger, requireNonNegative, requirePositive } from '../system/numbers.ts';
import { autoScalingTarget, describeScalingTarget, resolveScalingTarget, type ResolvedScalingTarget, type ScalingTarget } from './scaling-target.ts';

/** Capacity an instance keeps for itself (OS, Lambda agent) and never gives to environments. */
export interface InstanceReservation {
  vcpus: number;
  memoryGiB: number;
}

/**
 * 1 vCPU and 1 GiB per instance for the OS and Lambda's agent: AWS's documentation states no
 * figure, but every AWS-authored sizing sample reserves this and an AWS load test reports
 * "8 vCPUs (7 usable)" (docs/lmi-facts.md, "Per-instance reservation").
 */
export const defaultInstanceReservation: InstanceReservation = { vcpus: 1, memoryGiB: 1 };

/** An instance type the capacity provider may use, and what one instance of it costs per hour on LMI. */
export interface InstanceCandidate {
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  /**
   * One instance-hour on LMI for this function: EC2 after any commitment discount plus the
   * management fee. The choice minimises instances × this; see instanceCandidates() in
   * candidates.ts for building it from a PriceBook.
   */
  usdPerHour: number;
}

export interface LmiSizingInput {
  requestsPerSecond: number;
  /** CPU time per request; null when unmeasured (the CPU bound is then not applied). */
  cpuSecondsPerRequest: number | null;
  /** Mean handler duration (Little's law: in flight = rate × duration). */
  meanDurationMs: number;
  /** PerExecutionEnvironmentMaxConcurrency. */
  maxConcurrency: number;
  /** Function memory; vCPUs per environment = memory (GiB) ÷ gibPerVcpu. */
  memoryMb: number;
  /** ExecutionEnvironmentMemoryGiBPerVCpu. */
  gibPerVcpu: number;
  /** Instance types to choose from (at least one; one pins the type). */
  candidates: readonly InstanceCandidate[];
  /** Default Auto (50% CPU, 50% slots). */
  target?: ScalingTarget;
  /** Minimum execution environments per version (service default 3). */
  minEnvironments?: number;
  /** Instances the capacity provider keeps at least (service default 3, one per AZ). */
  minInstances?: number;
  /** Functions sharing the capacity provider: the minimum instances are split between them (default 1). */
  functionsPerProvider?: number;
  /** Per-instance reservation (default defaultInstanceReservation). */
  reservation?: InstanceReservation;
}

export type SizingBinding = 'minimum' | 'slots' | 'cpu';

/** One candidate type, sized. */
export interface SizedCandidate {
  instanceType: string;
  environmentsPerInstance: number;
  /** Charged to this function; fractional only when the floor is shared. */
  instances: number;
  /** instances × the candidate's usdPerHour. */
  instancesUsdPerHour: number;
}

export interface LmiSizing {
  environments: number;
  /** Instances charged to this function (the floor's share may make it fractional). */
  instances: number;
  /** The chosen (cheapest) instance type. */
  instanceType: string;
  environmentsPerInstance: number;
  /** What the chosen fleet costs per hour, requests not included. */
  instancesUsdPerHour: number;
  /** Rate × mean duration. */
  concurrentInvocations: number;
  /** vCPUs busy at the rate; null when CPU per request is unmeasured. */
  cpuDemandVcpus: number | null;
  vcpusPerEnvironment: number;
  memoryGiBPerEnvironment: number;
  environmentsForCpu: number | null;
  environmentsForSlots: number;
  /** Which rule set the environment count. */
  binding: SizingBinding;
  target: ResolvedScalingTarget;
  /** Minimum instances ÷ functions per provider: the floor charged to this function. */
  floorInstances: number;
  /** True when the floor, not the environments, set the instance count. */
  atFloor: boolean;
  /** Every candidate the environment fits on, cheapest first. */
  considered: SizedCandidate[];
  /** Candidate types too small for one environment (after the reservation). */
  tooSmall: string[];
}

export const sizingDefaults = { minEnvironments: 3, minInstances: 3, functionsPerProvider: 1 } as const;

/** Ceil that does not turn 3.0000000000000004 (float noise) into 4. */
function ceilCount(value: number): number {
  return Math.ceil(value - 1e-9);
}

export interface EnvironmentShape {
  vcpus: number;
  memoryGiB: number;
}

/** An environment's share of an instance: memory ÷ GiB-per-vCPU vCPUs and its memory. */
export function environmentShape(memoryMb: number, gibPerVcpu: number): EnvironmentShape {
  const memoryGiB = memoryMb / 1024;
  return { vcpus: memoryGiB / gibPerVcpu, memoryGiB };
}

/**
 * Whole environments one instance holds: both its vCPUs and its memory must fit, after the
 * reservation. 0 when not even one fits.
 */
export function environmentsPerInstance(instance: { vcpus: number; memoryGiB: number }, environment: EnvironmentShape, reservation: InstanceReservation = defaultInstanceReservation): number {
  const vcpus = instance.vcpus - reservation.vcpus;
  const memoryGiB = instance.memoryGiB - reservation.memoryGiB;
  if (vcpus <= 0 || memoryGiB <= 0) return 0;
  return Math.max(0, Math.floor(Math.min(vcpus / environment.vcpus, memoryGiB / environment.memoryGiB) + 1e-9));
}

export interface DemandInput {
  /** vCPUs busy; null when unknown (then only slots and the minimum count). */
  cpuDemandVcpus: number | null;
  /** Invocations in flight at once. */
  inFlight: number;
  vcpusPerEnvironment: number;
  maxConcurrency: number;
  target: ResolvedScalingTarget;
  minEnvironments: number;
}

export interface DemandEnvironments {
  environments: number;
  forCpu: number | null;
  forSlots: number;
  binding: SizingBinding;
}

/** The environment count rule, from demand: the model feeds it predictions, the engine's scaler observations. */
export function environmentsForDemand(d: DemandInput): DemandEnvironments {
  const forSlots = ceilCount(d.inFlight / (d.maxConcurrency * d.target.slotUtilization));
  const forCpu = d.cpuDemandVcpus === null ? null : ceilCount(d.cpuDemandVcpus / (d.vcpusPerEnvironment * d.target.cpuUtilization));
  const environments = Math.max(d.minEnvironments, forSlots, forCpu ?? 0);
  const binding: SizingBinding =
    d.minEnvironments >= Math.max(forSlots, forCpu ?? 0)
      ? 'minimum'
      : (forCpu ?? 0) >= forSlots
        ? 'cpu'
        : 'slots';
  return { environments, forCpu, forSlots, binding };
}

/** Sizes LMI for a sustained rate and picks the cheapest candidate instance type. */
export function sizeLmiCapacity(input: LmiSizingInput): LmiSizing {
  const minEnvironments = input.minEnvironments ?? sizingDefaults.minEnvironments;
  const minInstances = input.minInstances ?? sizingDefaults.minInstances;
  const functionsPerProvider = input.functionsPerProvider ?? sizingDefaults.functionsPerProvider;
  const reservation = input.reservation ?? defaultInstanceReservation;
  requireNonNegative('request rate', input.requestsPerSecond);
  requireNonNegative('mean duration (ms)', input.meanDurationMs);
  if (input.cpuSecondsPerRequest !== null) requireNonNegative('CPU seconds per request', input.cpuSecondsPerRequest);
  requireInteger('max concurrency', input.maxConcurrency, 1);
  requirePositive('memory (MB)', input.memoryMb);
  requirePositive('GiB per vCPU', input.gibPerVcpu);
  requireInteger('minimum environments', minEnvironments, 0);
  requireInteger('minimum instances', minInstances, 0);
  requireInteger('functions per capacity provider', functionsPerProvider, 1);
  requireNonNegative('reserved vCPUs per instance', reservation.vcpus);
  requireNonNegative('reserved GiB per instance', reservation.memoryGiB);
  if (input.candidates.length === 0) throw new UsageError('no instance type to size LMI on (the candidate list is empty)');
  const target = resolveScalingTarget(input.target ?? autoScalingTarget);

  const environment = environmentShape(input.memoryMb, input.gibPerVcpu);
  const concurrentInvocations = input.requestsPerSecond * (input.meanDurationMs / 1000);
  const cpuDemandVcpus = input.cpuSecondsPerRequest === null ? null : input.requestsPerSecond * input.cpuSecondsPerRequest;
  const demand = environmentsForDemand({
    cpuDemandVcpus,
    inFlight: concurrentInvocations,
    vcpusPerEnvironment: environment.vcpus,
    maxConcurrency: input.maxConcurrency,
    target,
    minEnvironments,
  });

  const floorInstances = minInstances / functionsPerProvider;
  const considered: SizedCandidate[] = [];
  const tooSmall: string[] = [];
  for (const candidate of input.candidates) {
    requirePositive(`${candidate.instanceType} vCPUs`, candidate.vcpus);
    requirePositive(`${candidate.instanceType} memory (GiB)`, candidate.memoryGiB);
    requireNonNegative(`${candidate.instanceType} price per hour`, candidate.usdPerHour);
    const perInstance = environmentsPerInstance(candidate, environment, reservation);
    if (perInstance < 1) {
      tooSmall.push(candidate.instanceType);
      continue;
    }
    const instances = Math.max(floorInstances, Math.ceil(demand.environments / perInstance));
    considered.push({ instanceType: candidate.instanceType, environmentsPerInstance: perInstance, instances, instancesUsdPerHour: instances * candidate.usdPerHour });
  }
  // Stable: among equal costs the earlier candidate wins.
  considered.sort((a, b) => a.instancesUsdPerHour - b.instancesUsdPerHour);
  const chosen = considered[0];
  if (!chosen) {
    const reserved = reservation.vcpus > 0 || reservation.memoryGiB > 0 ? ` after reserving ${reservation.vcpus} vCPU and ${reservation.memoryGiB} GiB per instance` : '';
    throw new UsageError(
      `an environment of ${environment.memoryGiB} GiB / ${environment.vcpus} vCPU fits on none of ${input.candidates.map((c) => c.instanceType).join(', ')}${reserved}`,
    );
  }
  return {
    environments: demand.environments,
    instances: chosen.instances,
    instanceType: chosen.instanceType,
    environmentsPerInstance: chosen.environmentsPerInstance,
    instancesUsdPerHour: chosen.instancesUsdPerHour,
    concurrentInvocations,
    cpuDemandVcpus,
    vcpusPerEnvironment: environment.vcpus,
    memoryGiBPerEnvironment: environment.memoryGiB,
    environmentsForCpu: demand.forCpu,
    environmentsForSlots: demand.forSlots,
    binding: demand.binding,
    target,
    floorInstances,
    atFloor: chosen.instances === floorInstances,
    considered,
    tooSmall,
  };
}

/** The assumptions behind sizeLmiCapacity, in words a report can print. */
export function sizingAssumptions(input: Pick<LmiSizingInput, 'target' | 'minEnvironments' | 'minInstances' | 'cpuSecondsPerRequest' | 'functionsPerProvider' | 'reservation'> & { candidateTypes: string[] }): string[] {
  const minEnvironments = input.minEnvironments ?? sizingDefaults.minEnvironments;
  const minInstances = input.minInstances ?? sizingDefaults.minInstances;
  const functions = input.functionsPerProvider ?? sizingDefaults.functionsPerProvider;
  const target = resolveScalingTarget(input.target ?? autoScalingTarget);
  const reservation = input.reservation ?? defaultInstanceReservation;
  return [
    "Concurrent invocations at a sustained rate follow Little's law: rate × measured mean duration.",
    `Scaling target: ${describeScalingTarget(input.target)}. Environments are added until CPU is at ${Math.round(target.cpuUtilization * 100)}% of their vCPUs and slots at ${Math.round(target.slotUtilization * 100)}% of maxConcurrency; no other headroom is added.`,
    input.cpuSecondsPerRequest === null
      ? 'CPU per request was not measured, so only the slot limit sizes the environments.'
      : 'CPU demand = rate × measured CPU-seconds per request; an environment has memory ÷ GiB-per-vCPU vCPUs.',
    `Never fewer than ${minEnvironments} environments and ${minInstances} instances (AZ spread); LMI does not scale to zero.` +
      (functions > 1 ? ` The ${minInstances}-instance floor is shared by ${functions} functions on the capacity provider: ${(minInstances / functions).toFixed(2)} instances are charged to this one.` : ''),
    `Environments are packed whole onto instances by vCPUs and memory${reservation.vcpus > 0 || reservation.memoryGiB > 0 ? `, less ${reservation.vcpus} vCPU and ${reservation.memoryGiB} GiB reserved per instance` : ' (no per-instance reservation)'}.`,
    input.candidateTypes.length === 1
      ? `Instance type pinned: ${input.candidateTypes[0]}.`
      : `Instance type chosen at each rate as the cheapest fleet among ${input.candidateTypes.length} types (${input.candidateTypes.join(', ')}).`,
    'Instance billing granularity is unverified for LMI (EC2 Linux bills per second; AWS examples use instance-hours).',
  ];
}
