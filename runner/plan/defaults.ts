/**
 * Every default of a bench run, in one place: the parser, --help and the docs read them here.
 * Values that come from AWS documentation cite docs/lmi-facts.md; the rest are choices for a
 * benchmark on the local engine and say why.
 */
import type { Architecture, Mode, TargetKind } from '../domain.ts';
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';

export const benchDefaults = {
  /** The workload `npm run bench` measures when none is named: the case LMI is made for. */
  workload: 'io-bound',
  runtime: 'node' as Runtime,
  target: 'local' as TargetKind,
  modes: ['lambda', 'lmi'] as Mode[],
  /**
   * One idle-ish level, then levels that stress a standard-Lambda fleet and fill LMI slots.
   * Sized with durationSec and warmupSec so that the default io-bound run (2 variants x 4
   * levels x 12 s of load plus deploys) finishes well within 3 minutes on the local engine.
   */
  concurrency: [1, 8, 32, 64],
  /** One generator in the runner: enough on the local engine, where no network separates them. */
  loadWorkers: 1,
  durationSec: 10,
  warmupSec: 2,
  trials: 1,
  /** Function timeout; far above any built-in workload's duration, Lambda's maximum is 900. */
  timeoutSec: 30,
  region: 'us-east-1',
  out: 'results',
  lambda: {
    /** Standard Lambda's default account concurrency limit. */
    concurrencyLimit: 1000,
    /**
     * How long the local engine keeps an idle standard-Lambda environment. AWS does not publish
     * this; minutes is what is commonly observed, and it must outlast the gap between levels.
     */
    idleTimeoutSec: 300,
  },
  lmi: {
    /** LMI's smallest function is 2 GB and 1 vCPU (docs/lmi-facts.md). */
    minMemoryMb: 2048,
    gibPerVcpu: [2],
    /** Three environments before a version is ACTIVE (AZ resiliency; docs/lmi-facts.md). */
    minEnvironments: 3,
    instanceType: 'm7g.xlarge',
    /**
     * Without --instance-type and --arch: x86_64, the architecture a capacity provider with no
     * InstanceRequirements gets and standard Lambda's default (docs/lmi-facts.md). Both compute
     * types run it.
     */
    architecture: 'x86_64' as Architecture,
    /** The type the local engine emulates when none is pinned (the model still chooses among all). */
    defaultInstanceType: { arm64: 'm7g.xlarge', x86_64: 'm7i.xlarge' } as Record<Architecture, string>,
    /** Capacity provider MaxVCpuCount default (docs/lmi-facts.md). */
    maxVcpus: 400,
    /**
     * Seconds from launching an instance beyond the 3 base ones to its running, in the local
     * engine: AWS's workshop observes 1 to 2 minutes (docs/lmi-facts.md); the short end, so a
     * step in load throttles as long as it would at least. 0 for quick local runs.
     */
    instanceLaunchDelaySec: 60,
  },
  pricing: {
    offline: false,
    discount: 0,
    /** Off: a benchmark compares marginal cost (docs/architecture.md, "The cost model"). */
    freeTier: false,
  },
  aws: {
    keep: false,
    /**
     * Refuse an AWS run whose estimated cost exceeds this. A ceiling against runaway plans, not a
     * budget: it sits above the default plan's worst-case estimate ($5.66 at the 2026-01-19
     * snapshot), so the run a user gets by default is never refused by the default cap
     * (test/cli/plan-only-aws-needs-no-credentials).
     */
    maxSpendUsd: 10,
  },
} as const;

/** Documented bounds the validator enforces (docs/lmi-facts.md and the Lambda quotas). */
export const benchLimits = {
  /**
   * Seconds of one trial and of one warm-up. An hour is 360 times the default trial and longer
   * than any steady state needs (on AWS it is 12 of LMI's 5-minute periods). Without a bound a
   * typo such as 1000000000 would hold the machine, or an AWS stack and its bill, for decades,
   * and beyond 2^31-1 ms (24.8 days) Node's timers overflow and fire at once, so a level would
   * end before it began.
   */
  trialSec: { max: 3600 },
  warmupSec: { min: 0, max: 3600 },
  concurrency: { min: 1, max: 10000 },
  /** Requests per second of an open-loop level. */
  rate: { min: 0.1, max: 100000 },
  /** Lambda's default account concurrency is 1000; a level's workers are a small part of it. */
  loadWorkers: { min: 1, max: 100 },
  trials: { min: 1, max: 100 },
  lambdaConcurrencyLimit: { min: 1, max: 1000000 },
  discount: { min: 0, max: 1 },
  lambdaMemoryMb: { min: 128, max: 10240 },
  /** The upper bound is the instance type's memory, checked against the chosen type. */
  lmiMemoryMb: { min: 2048 },
  lmiGibPerVcpu: { min: 2, max: 8 },
  lmiMaxConcurrency: { min: 1, max: 1600 },
  lmiMinEnvironments: { min: 1, max: 15000 },
  maxVcpus: { min: 2, max: 15000 },
  timeoutSec: { min: 1, max: 900 },
} as const;

/** Lambda memory of the LMI functions when --lmi-memory is not given. */
/**
 * The smallest LMI memory that runs the workload and gives every swept GiB-per-vCPU ratio at
 * least the 1 vCPU an environment needs, so `--lmi-gib-per-vcpu 2,4` works without --lmi-memory
 * (4:1 needs 4096 MB; the sweep then compares 2 vCPUs against 1 at the same memory).
 */
export function defaultLmiMemoryMb(manifestMemoryMb: number, largestGibPerVcpu: number): number {
  return Math.max(benchDefaults.lmi.minMemoryMb, manifestMemoryMb, Math.ceil(largestGibPerVcpu * 1024));
}

/**
 * Default PerExecutionEnvironmentMaxConcurrency: the documented per-vCPU default times the
 * vCPUs of one environment (memory / GiB-per-vCPU), within the 1–1600 the service accepts.
 */
export function defaultLmiMaxConcurrency(runtime: Runtime, lmiMemoryMb: number, gibPerVcpu: number): number {
  return lmiMaxConcurrencyPerVcpu(runtimeRegistry[runtime].maxConcurrencyPerVcpu, lmiMemoryMb, gibPerVcpu);
}

/** `perVcpu` slots for each vCPU of one environment (memory / GiB-per-vCPU), within 1–1600. */
export function lmiMaxConcurrencyPerVcpu(perVcpu: number, lmiMemoryMb: number, gibPerVcpu: number): number {
  const vcpus = Math.max(1, Math.floor(lmiMemoryMb / 1024 / gibPerVcpu + 1e-9));
  return Math.min(benchLimits.lmiMaxConcurrency.max, perVcpu * vcpus);
}

