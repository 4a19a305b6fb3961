/**
 * How long a plan takes, before anything runs: `--plan-only` prints it, with and without
 * parallel variants. Pure: the plan, the number of load workers and stated allowances in,
 * milliseconds out.
 *
 * Sequential (today's sweep): one variant after another; each level is a warm-up, its
 * trials, and on AWS the CloudWatch pull, which waits for the window's last period to close
 * and its data to settle before the next level starts.
 *
 * Parallel variants: every variant's level k runs in the same window, so a window serves all
 * of them. On AWS the runner also aligns each level to CloudWatch periods (load workers start
 * together at a period boundary), which lets a level cover its n whole periods in n × P instead
 * of the (n + 1) × P an unaligned start needs (plan-check.ts), and pulls a level's metrics while
 * the next level runs (aligned windows never share a period).
 *
 * The plan is the one the user asked for: on AWS the level duration is derived here from the
 * requested duration, as adjustPlanForAws does (do not pass an already adjusted plan).
 */
import type { BenchPlan } from './plan.ts';
import { planVariants } from './variants.ts';
import { durationCoveringPeriods, lambdaMetricPeriodSec, lmiMetricPeriodSec } from './metric-periods.ts';
import type { Variant } from '../domain.ts';
import { sum } from '../system/sum.ts';
import { predictedLaunchWaits } from './launch-waits.ts';

/**
 * Time the AWS stack takes to come and go, in minutes: the spend guard bills the same
 * allowances (per LMI version there, as an upper bound of cost).
 */
export const awsSetupAllowanceMin = {
  /** Stack creation without the LMI versions (VPC, NAT gateway, capacity provider). */
  stackDeploy: 10,
  /** Publishing an LMI version to ACTIVE: documented 3–5 minutes, the upper end. */
  lmiVersionActive: 5,
  stackDestroy: 10,
} as const;

export interface WallTimeAssumptions {
  aws: {
    /** Stack creation (VPC, NAT gateway, capacity provider) without the LMI versions: the spend guard's figure. */
    stackDeployMs: number;
    /**
     * An LMI version becoming ACTIVE (documented 3–5 minutes: the upper end). Counted once:
     * the versions are independent resources of one stack, which CloudFormation creates together.
     */
    lmiProvisioningMs: number;
    stackDestroyMs: number;
    /** How long the pull waits after a window's last period before reading (run-bench.ts). */
    metricsSettleMs: number;
    /** The pull reads again after settleMs / 5 and stops when two reads agree. */
    metricsConfirmReadMs: number;
    /** A phase's workers are invoked this long before their common start. */
    workerLeadMs: number;
    /** Between trials: the slowest request of the previous trial finishes (no engine stats on AWS). */
    drainMs: number;
  };
  local: {
    engineStartMs: number;
    /** A standard function is ready at once; an LMI one starts its minimum environments. */
    lambdaDeployMs: number;
    lmiDeployMs: number;
    workerDeployMs: number;
    workerLeadMs: number;
    /** Per load phase: in-flight requests finishing, window stats read. */
    drainMs: number;
  };
}

const minute = 60_000;

export const defaultWallTimeAssumptions: WallTimeAssumptions = {
  aws: {
    stackDeployMs: awsSetupAllowanceMin.stackDeploy * minute,
    lmiProvisioningMs: awsSetupAllowanceMin.lmiVersionActive * minute,
    stackDestroyMs: awsSetupAllowanceMin.stackDestroy * minute,
    metricsSettleMs: 60_000,
    metricsConfirmReadMs: 12_000,
    workerLeadMs: 5_000,
    drainMs: 1_000,
  },
  local: {
    engineStartMs: 1_500,
    lambdaDeployMs: 300,
    lmiDeployMs: 2_000,
    workerDeployMs: 500,
    workerLeadMs: 500,
    drainMs: 300,
  },
};

export interface WallTimeOptions {
  /** Load workers per level (1: the in-process generator). */
  loadWorkers?: number;
  variants?: Variant[];
  assumptions?: WallTimeAssumptions;
}

export interface WallTimeEstimate {
  /** One variant after another. */
  sequentialMs: number;
  /** Variants side by side; absent when the plan has a single variant (nothing to share). */
  parallelMs?: number;
  /** Deploy, provisioning and teardown, in both figures. */
  setupMs: number;
  variants: number;
  levels: number;
  /** Each level's measured load per trial, sequential and (AWS, aligned) parallel. */
  trialMs: { sequential: number; parallel: number };
  assumptions: string[];
}

/** Number of load levels of a plan: its closed-loop concurrencies or its open-loop rates. */
export function planLevelCount(plan: Pick<BenchPlan, 'concurrency'> & { rates?: number[] }): number {
  return plan.rates && plan.rates.length > 0 ? plan.rates.length : plan.concurrency.length;
}

export function estimateWallTime(plan: BenchPlan & { rates?: number[] }, options: WallTimeOptions = {}): WallTimeEstimate {
  const variants = options.variants ?? planVariants(plan);
  const assumptions = options.assumptions ?? defaultWallTimeAssumptions;
  const workers = options.loadWorkers ?? 1;
  const levels = planLevelCount(plan);
  return plan.target === 'aws' ? awsEstimate(plan, variants, levels, workers, assumptions.aws) : localEstimate(plan, variants, levels, workers, assumptions.local);
}

function awsEstimate(plan: BenchPlan, variants: Variant[], levels: number, workers: number, a: WallTimeAssumptions['aws']): WallTimeEstimate {
  const usesLmi = variants.some((v) => v.mode === 'lmi');
  const periodMs = (usesLmi ? lmiMetricPeriodSec : lambdaMetricPeriodSec) * 1000;
  const { durationSec, wholePeriods } = durationCoveringPeriods(plan.durationSec, periodMs / 1000);
  const setupMs = a.stackDeployMs + (usesLmi ? a.lmiProvisioningMs : 0) + a.stackDestroyMs;
  const warmupMs = plan.warmupSec * 1000;
  const phases = (plan.warmupSec > 0 ? 1 : 0) + plan.trials;
  const leadMs = workers > 1 ? a.workerLeadMs : 0;

  // Sequential: the level starts anywhere in a period, so each trial lasts (n + 1) periods;
  // the pull then waits for the window's last period (on average half a period of the
  // variant's own publication) to close and settle.
  const sequentialTrialMs = durationSec * 1000;
  const pullMs = (variant: Variant): number => (variant.mode === 'lmi' ? lmiMetricPeriodSec : lambdaMetricPeriodSec) * 500 + a.metricsSettleMs + a.metricsConfirmReadMs;
  const levelMs = (variant: Variant): number => warmupMs + plan.trials * (sequentialTrialMs + a.drainMs) + phases * leadMs + pullMs(variant);
  const sequentialMs = setupMs + levels * sum(variants.map(levelMs));

  // Parallel: wait for the first boundary (half a period on average), then each level fills
  // exactly trials × n periods (the warm-up takes the first seconds of the first one), and
  // only the last level's pull is waited for.
  const parallelTrialMs = wholePeriods * periodMs;
  const parallelMs = setupMs + periodMs / 2 + levels * plan.trials * parallelTrialMs + a.metricsSettleMs + a.metricsConfirmReadMs;

  return {
    sequentialMs,
    ...(variants.length > 1 ? { parallelMs } : {}),
    setupMs,
    variants: variants.length,
    levels,
    trialMs: { sequential: sequentialTrialMs, parallel: parallelTrialMs },
    assumptions: [
      `stack deploy ${minutes(a.stackDeployMs)} min${usesLmi ? ` + LMI versions active ${minutes(a.lmiProvisioningMs)} min (provisioned together)` : ''} + destroy ${minutes(a.stackDestroyMs)} min`,
      `sequential: each trial lasts ${durationSec} s (${wholePeriods + 1} periods of ${periodMs / 1000} s, the start being unaligned); each level's CloudWatch pull waits half a period, then ${a.metricsSettleMs / 1000} s to settle and ${a.metricsConfirmReadMs / 1000} s to confirm`,
      `parallel variants: levels aligned to ${periodMs / 1000}-s periods, each trial ${wholePeriods} period${wholePeriods === 1 ? '' : 's'}, the warm-up inside the first; pulls overlap the next level`,
      ...(workers > 1 ? [`${workers} load workers invoked ${a.workerLeadMs / 1000} s before each phase`] : []),
    ],
  };
}

function localEstimate(plan: BenchPlan, variants: Variant[], levels: number, workers: number, a: WallTimeAssumptions['local']): WallTimeEstimate {
  const phases = (plan.warmupSec > 0 ? 1 : 0) + plan.trials;
  const trialMs = plan.durationSec * 1000;
  const levelMs = plan.warmupSec * 1000 + plan.trials * trialMs + phases * (a.drainMs + (workers > 1 ? a.workerLeadMs : 0));
  const deployMs = (variant: Variant): number => (variant.mode === 'lmi' ? a.lmiDeployMs : a.lambdaDeployMs);
  const setupMs = a.engineStartMs + (workers > 1 ? a.workerDeployMs : 0);
  // Levels whose warm-up scales out onto launching instances wait about the launch delay.
  const waits = predictedLaunchWaits(plan, variants);
  const launchMs = (plan.lmi.instanceLaunchDelaySec ?? 0) * 1000;
  const sequentialMs = setupMs + sum(variants.map(deployMs)) + variants.length * levels * levelMs + waits.length * launchMs;
  // Deploys run together too; the slowest one sets the pace. Side by side, one level's waits overlap.
  const parallelMs = setupMs + Math.max(0, ...variants.map(deployMs)) + levels * levelMs + new Set(waits.map((w) => w.concurrency)).size * launchMs;
  return {
    sequentialMs,
    ...(variants.length > 1 ? { parallelMs } : {}),
    setupMs,
    variants: variants.length,
    levels,
    trialMs: { sequential: trialMs, parallel: trialMs },
    assumptions: [
      `engine start ${a.engineStartMs / 1000} s; deploy ${a.lambdaDeployMs / 1000} s per standard and ${a.lmiDeployMs / 1000} s per LMI variant`,
      `${a.drainMs / 1000} s per load phase for in-flight requests and window stats`,
      waits.length === 0
        ? 'no level scales out beyond the instances already running: no wait for an instance launch'
        : `${waits.length} wait${waits.length === 1 ? '' : 's'} of ${launchMs / 1000} s for instances to launch after a warm-up scales out (${waits.map((w) => `${w.variantId} c=${w.concurrency}`).join(', ')}; --instance-launch-delay 0 skips them)`,
      ...(workers > 1 ? [`${workers} load workers invoked ${a.workerLeadMs / 1000} s before each phase`] : []),
    ],
  };
}

function minutes(ms: number): number {
  return Math.round((ms / minute) * 10) / 10;
}

/** The figure a run is expected to take: the parallel one when the plan runs its variants side by side. */
export function plannedWallTimeMs(plan: BenchPlan & { rates?: number[] }, estimate: WallTimeEstimate = estimateWallTime(plan, { loadWorkers: plan.load?.workers ?? 1 })): number {
  const parallel = (plan.load?.parallelVariants ?? false) && estimate.parallelMs !== undefined;
  return parallel && estimate.parallelMs !== undefined ? estimate.parallelMs : estimate.sequentialMs;
}
