/**
 * The typed, validated plan of one bench run. The CLI turns flags into a BenchPlan
 * (runner/plan/ validates); nothing is deployed or loaded before a plan exists.
 */
import type { Runtime } from '../runtimes/registry.ts';
import type { Workload } from '../workload/manifest.ts';
import type { Architecture, Mode, TargetKind, TrafficProfile } from '../domain.ts';

export interface BenchPlan {
  runId: string;
  /**
   * Who chose the run id: a default id taken by a run that started first gets a suffix; an id
   * the user gave (--run-id) is never changed (see claimRunFolder).
   */
  runIdChosenBy: 'user' | 'default';
  workload: Workload;
  runtime: Runtime;
  target: TargetKind;
  modes: Mode[];
  /** Ascending concurrency levels (closed-loop connections). */
  concurrency: number[];
  durationSec: number;
  warmupSec: number;
  trials: number;
  /** Request body sent to the handler (the manifest's event unless overridden). */
  event: Record<string, unknown>;
  timeoutSec: number;
  lambda: {
    memoryMb: number;
    architecture: Architecture;
    concurrencyLimit: number;
    idleTimeoutSec: number;
  };
  lmi: {
    memoryMb: number;
    /** Swept: every combination of maxConcurrency × gibPerVcpu is a variant. */
    maxConcurrency: number[];
    gibPerVcpu: number[];
    /**
     * Set when --lmi-max-concurrency was not given: each variant's maxConcurrency is then this
     * many per vCPU of *its* environments (memory ÷ its GiB per vCPU), one variant per GiB-per-vCPU
     * value, and `maxConcurrency` lists the values that gives.
     */
    maxConcurrencyPerVcpu?: number;
    minEnvironments: number;
    /** The type the local engine emulates and the stack reports: the pinned one, else a default of the architecture. */
    instanceType: string;
    /** Whether --instance-type pinned it (absent: pinned, as every plan was before instance choice); else the sizing model chooses among instanceTypes at each rate. */
    instancePinned?: boolean;
    /** The candidate set (the pinned type alone when pinned); the stack allows exactly these. */
    instanceTypes?: string[];
    /** Swept manual scaling targets, % average CPU; empty: Auto only. */
    targetCpuPercent?: number[];
    /** Functions sharing a capacity provider (the floor is split between them in the model). */
    functionsPerProvider?: number;
    /** Capacity each instance keeps for itself. */
    reserveVcpus?: number;
    reserveMemoryGiB?: number;
    /** Seconds an instance added by scale-out takes to launch in the local engine (absent: 0, as before). */
    instanceLaunchDelaySec?: number;
    maxVcpus: number;
  };
  region: string;
  pricing: {
    offline: boolean;
    /** Commitment discount on the EC2 part of LMI, 0–1. */
    /** Compute Savings Plans on Lambda duration, 0–0.17. */
    lambdaDiscount?: number;
    lmiDiscount: number;
    freeTier: boolean;
  };
  /**
   * The user's traffic for the monthly projection (--traffic constant:R | diurnal:PEAK:TROUGH |
   * csv:FILE | cloudwatch:FUNCTION), validated and read while planning; run.json keeps only the spec.
   */
  traffic?: { spec: string; traffic: TrafficProfile };
  /** AWS credentials profile (--profile): every AWS call of the run uses it. */
  awsProfile?: string;
  /** p99 objective for the LMI settings recommendation (--slo-p99-ms); none when absent. */
  sloP99Ms?: number;
  /**
   * Open-loop levels (--rates), requests per second, ascending: replace the closed-loop
   * `concurrency` levels when present.
   */
  rates?: number[];
  /**
   * Load generation (--load-workers, --parallel-variants); absent: one in-process generator
   * and one variant after another.
   */
  load?: { workers: number; parallelVariants: boolean };
  /** Results folder of this run: <out>/<runId>. */
  outDir: string;
  /** AWS target only. */
  aws?: {
    keep: boolean;
    maxSpendUsd: number;
  };
}
