/**
 * The spend guard: before anything is deployed, an upper estimate of what the run will cost
 * on AWS, from the plan, the price book and the cost model (runner/cost/). A run above the
 * cap (--max-spend, default $5) is refused with exit 2 unless the user raises the cap.
 *
 * The estimate errs high on purpose: every LMI version's minimum instances run for the
 * whole wall time, every LMI level adds its worst-case fleet on top, and the load runs at
 * the highest rate a closed loop can plausibly reach.
 */
import { UsageError } from '../../errors.ts';
import type { BenchPlan } from '../../plan/plan.ts';
import type { PriceBook } from '../../pricing/price-book.ts';
import { instanceShape } from '../../pricing/instance-types.ts';
import { lambdaCost } from '../../cost/lambda-cost.ts';
import { lmiCost } from '../../cost/lmi-cost.ts';
import { sizeLmiCapacity } from '../../capacity/lmi-sizing.ts';
import { planVariants } from '../../plan/variants.ts';
import { planLevels, type LevelSpec } from '../../plan/levels.ts';
import { awsSetupAllowanceMin, defaultWallTimeAssumptions, planLevelCount } from '../../plan/wall-time.ts';
import { loadWorkerArchitecture, loadWorkerMemoryMb } from '../../load/worker/worker-function.ts';
import type { Variant } from '../../domain.ts';
import { sum } from '../../system/sum.ts';

export interface SpendAssumptions {
  /** Fastest plausible round trip through an HTTPS front door; sets the highest request rate. */
  minLatencyMs: number;
  /** Most requests per second one load-generating machine sends over TLS. */
  clientCeilingRps: number;
  /** Time from publishing an LMI version to ACTIVE (documented 3–5 minutes: the upper end). */
  lmiProvisioningMinPerVersion: number;
  /** Stack creation without the LMI versions (VPC, NAT gateway, capacity provider). */
  deployOverheadMin: number;
  destroyOverheadMin: number;
}

export const defaultSpendAssumptions: SpendAssumptions = {
  minLatencyMs: 10,
  clientCeilingRps: 20_000,
  lmiProvisioningMinPerVersion: awsSetupAllowanceMin.lmiVersionActive,
  deployOverheadMin: awsSetupAllowanceMin.stackDeploy,
  destroyOverheadMin: awsSetupAllowanceMin.stackDestroy,
};

export interface SpendLine {
  item: string;
  usd: number;
  detail: string;
}

export interface SpendEstimate {
  totalUsd: number;
  /** Deployed time from the start of the deploy to the end of the destroy. */
  wallHours: number;
  /** Hours of load (warm-up included) over every variant. */
  loadHours: number;
  lines: SpendLine[];
  assumptions: string[];
  pricesAsOf: string;
}

/**
 * The worst-case load of one level: its request rate and the most requests in flight. A closed
 * loop holds its concurrency at the fastest plausible round trip; an open loop sends the rate
 * asked for (load workers can exceed one machine's ceiling) and holds at most its connection cap.
 */
function levelLoad(level: LevelSpec, assumptions: SpendAssumptions): { rate: number; inFlight: number } {
  if (level.kind === 'open') return { rate: level.rate, inFlight: level.maxConnections };
  return { rate: Math.min((level.concurrency * 1000) / assumptions.minLatencyMs, assumptions.clientCeilingRps), inFlight: level.concurrency };
}

/** What every line of the estimate is priced from. */
interface EstimateBasis {
  plan: BenchPlan;
  prices: PriceBook;
  /** Seconds of load per level of one variant (warm-up included). */
  levelSec: number;
  /** Each level's worst-case load. */
  levels: Array<{ rate: number; inFlight: number }>;
}

export function estimateRunCost(
  plan: BenchPlan,
  prices: PriceBook,
  options: { variants?: Variant[]; assumptions?: SpendAssumptions } = {},
): SpendEstimate {
  const variants = options.variants ?? planVariants(plan);
  const assumptions = options.assumptions ?? defaultSpendAssumptions;
  const levelSec = (plan.durationSec + plan.warmupSec) * plan.trials;
  const lmiVariants = variants.filter((v) => v.mode === 'lmi');
  const basis: EstimateBasis = { plan, prices, levelSec, levels: planLevels(plan).map((level) => levelLoad(level, assumptions)) };
  const loadHours = (variants.length * basis.levels.length * levelSec) / 3600;
  const setupMin = assumptions.deployOverheadMin + assumptions.destroyOverheadMin + lmiVariants.length * assumptions.lmiProvisioningMinPerVersion;
  const wallHours = loadHours + setupMin / 60;
  const lines: SpendLine[] = [
    ...variants.filter((v) => v.mode === 'lambda').map((variant) => lambdaLine(basis, variant)),
    ...(lmiVariants.length > 0 ? lmiLines(basis, lmiVariants, wallHours) : []),
    ...loadWorkerLines(basis, variants.length),
  ];
  return {
    totalUsd: sum(lines.map((l) => l.usd)),
    wallHours,
    loadHours,
    lines,
    assumptions: [
      plan.rates && plan.rates.length > 0
        ? "open-loop levels send their rate, each request lasting as long as the level's connection cap allows"
        : `highest request rate per level: concurrency / ${assumptions.minLatencyMs} ms, at most ${formatCount(assumptions.clientCeilingRps)} requests/s`,
      `deploy ${assumptions.deployOverheadMin} min + ${assumptions.lmiProvisioningMinPerVersion} min per LMI version + destroy ${assumptions.destroyOverheadMin} min`,
      'LMI minimum instances run for the whole deployed time; each LMI level adds its worst-case fleet on top',
      'first Lambda volume tier, no free tier; NAT gateway, CloudWatch Logs and data transfer are not included',
    ],
    pricesAsOf: prices.provenance.asOf,
  };
}

function lambdaLine({ plan, prices, levelSec, levels }: EstimateBasis, variant: Variant): SpendLine {
  const breakdowns = levels.map(({ rate, inFlight }) =>
    // At most `inFlight` requests at a time, so each lasts at most inFlight / rate seconds (Little's law).
    lambdaCost(
      { requests: rate * levelSec, billedDurationMs: (inFlight * 1000) / rate, memoryMb: variant.settings.memoryMb, architecture: plan.lambda.architecture, freeTier: false },
      prices,
    ),
  );
  const requests = sum(breakdowns.map((b) => b.requests));
  return {
    item: `standard Lambda ${variant.id}`,
    usd: sum(breakdowns.map((b) => b.totalUsd)),
    detail: `${formatCount(requests)} requests, ${formatCount(sum(breakdowns.map((b) => b.gbSeconds)))} GB-s (${plan.lambda.architecture})`,
  };
}

/** The minimum fleet for the whole deployed time, then each LMI version's worst-case fleet during its levels. */
function lmiLines(basis: EstimateBasis, lmiVariants: Variant[], wallHours: number): SpendLine[] {
  const { plan, prices } = basis;
  const instance = instanceShape(plan.lmi.instanceType);
  const baselineInstances = minimumInstances(plan, lmiVariants, instance.vcpus);
  const baseline = lmiCost({ instanceType: instance.instanceType, instances: baselineInstances, hours: wallHours, requests: 0, discount: plan.pricing.lmiDiscount }, prices);
  const maxInstances = Math.max(baselineInstances, Math.floor(plan.lmi.maxVcpus / instance.vcpus));
  return [
    {
      item: `LMI minimum fleet (${baselineInstances} × ${instance.instanceType})`,
      usd: baseline.totalUsd,
      detail: `${round(wallHours, 2)} h deployed: EC2 $${round(baseline.ec2Usd, 2)} + management fee $${round(baseline.managementFeeUsd, 2)}`,
    },
    ...lmiVariants.map((variant) => lmiLoadLine(basis, variant, instance, maxInstances)),
  ];
}

function lmiLoadLine({ plan, prices, levelSec, levels }: EstimateBasis, variant: Variant, instance: ReturnType<typeof instanceShape>, maxInstances: number): SpendLine {
  let usd = 0;
  let requests = 0;
  for (const { rate, inFlight } of levels) {
    // Worst case for the fleet: every in-flight request keeps a vCPU busy.
    const fleet = sizeLmiCapacity({
      requestsPerSecond: rate,
      cpuSecondsPerRequest: inFlight / rate,
      meanDurationMs: (inFlight * 1000) / rate,
      maxConcurrency: variant.settings.maxConcurrency ?? 1,
      memoryMb: variant.settings.memoryMb,
      gibPerVcpu: variant.settings.gibPerVcpu ?? 2,
      ...(variant.settings.targetCpuPercent === undefined ? {} : { target: { mode: 'manual', cpuPercent: variant.settings.targetCpuPercent } }),
      candidates: [{ instanceType: instance.instanceType, vcpus: instance.vcpus, memoryGiB: instance.memoryGiB, usdPerHour: 0 }],
      minEnvironments: plan.lmi.minEnvironments,
    });
    const cost = lmiCost(
      { instanceType: instance.instanceType, instances: Math.min(fleet.instances, maxInstances), hours: levelSec / 3600, requests: rate * levelSec, discount: plan.pricing.lmiDiscount },
      prices,
    );
    usd += cost.totalUsd;
    requests += rate * levelSec;
  }
  return { item: `LMI ${variant.id} under load`, usd, detail: `${formatCount(requests)} requests, scaled-out fleet during its levels` };
}

/** Runs with load workers (≥ 2): their own invocations, stated apart. */
function loadWorkerLines({ plan, prices }: EstimateBasis, variantCount: number): SpendLine[] {
  const workers = plan.load?.workers ?? 1;
  if (workers < 2) return [];
  // Each worker is invoked once per phase and runs for the phase plus its lead to the common start.
  const phases = (plan.warmupSec > 0 ? 1 : 0) + plan.trials;
  const invocations = variantCount * planLevelCount(plan) * phases * workers;
  const billedDurationMs = ((plan.warmupSec + plan.trials * plan.durationSec) / phases) * 1000 + defaultWallTimeAssumptions.aws.workerLeadMs;
  const cost = lambdaCost({ requests: invocations, billedDurationMs, memoryMb: loadWorkerMemoryMb, architecture: loadWorkerArchitecture, freeTier: false }, prices);
  return [{
    item: `load workers (${workers} per level)`,
    usd: cost.totalUsd,
    detail: `${formatCount(invocations)} invocations, ${formatCount(cost.gbSeconds)} GB-s (${loadWorkerArchitecture}, ${loadWorkerMemoryMb} MB); stated apart in run.json`,
  }];
}

/**
 * Instances holding every LMI version's minimum environments: environments spread evenly
 * over 3 AZs, each AZ needs whole instances for its share, and never fewer than 3 in all.
 */
export function minimumInstances(plan: BenchPlan, lmiVariants: Variant[], instanceVcpus: number): number {
  const azs = 3;
  const perAz = Math.ceil(plan.lmi.minEnvironments / azs);
  const vcpusPerAz = sum(lmiVariants.map((v) => perAz * Math.max(1, v.settings.memoryMb / 1024 / (v.settings.gibPerVcpu ?? 2))));
  return azs * Math.max(1, Math.ceil(vcpusPerAz / instanceVcpus - 1e-9));
}

export function formatEstimate(estimate: SpendEstimate, capUsd: number): string {
  const width = Math.max(...estimate.lines.map((l) => l.item.length));
  return [
    `Estimated AWS cost of this run: $${estimate.totalUsd.toFixed(2)} (cap $${capUsd.toFixed(2)}; prices as of ${estimate.pricesAsOf}; ${round(estimate.wallHours, 2)} h deployed)`,
    ...estimate.lines.map((l) => `  ${l.item.padEnd(width)}  $${l.usd.toFixed(2).padStart(7)}  ${l.detail}`),
    ...estimate.assumptions.map((a) => `  assumes ${a}`),
  ].join('\n');
}

/** Refuses (UsageError, exit 2) a run whose estimate is above the cap. */
export function enforceSpendCap(estimate: SpendEstimate, capUsd: number): void {
  if (estimate.totalUsd > capUsd) {
    throw new UsageError(
      `estimated AWS cost $${estimate.totalUsd.toFixed(2)} is above the $${capUsd.toFixed(2)} cap: shorten the plan or raise it with --max-spend ${Math.ceil(estimate.totalUsd)}`,
    );
  }
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
