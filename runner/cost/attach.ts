/**
 * Prices a finished run: per measured level, what that throughput would cost sustained on its
 * compute type; the crossover from the measured inputs of the best-supported levels; the price
 * provenance. The run is a read-only input: a new RunFile is returned.
 */
import { UsageError } from '../errors.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import type { CrossoverResult, DurationModel, LevelCost, MeasuredLevel, RunFile } from '../run/run-file.ts';
import { candidateTypeNames, type CandidateChoice } from './candidates.ts';
import { instanceChoice } from './instance-choice.ts';
import { crossover, defaultRateRange, discountSensitivity, type RateRange } from './crossover.ts';
import { crossoverRange, reportedInstanceChoices } from './crossover-range.ts';
import { durationModelFor } from './duration-model.ts';
import { uncontendedCpu, uncontendedDurationModel, uncontendedLevels } from './uncontended.ts';
import { lambdaCost } from './lambda-cost.ts';
import { sizingAssumptions } from '../capacity/lmi-sizing.ts';
import { defaultScalingLag, profileMonthlyCost, type ScalingLag } from './monthly.ts';
import { hoursPerMonth } from '../system/numbers.ts';
import type { TrafficProfile } from '../domain.ts';
import type { ScalingTarget } from '../capacity/scaling-target.ts';
import { lambdaScenarioFor, lambdaUsdPerHourAt, lmiScenarioFor, lmiUsdPerHourAt, type CostScenario, type CostSettings, type LambdaScenario, type LmiScenario } from './scenario.ts';

/** Both compute types run one architecture (CostSettings); it also selects LMI's candidate instance types. */
export interface AttachOptions extends CostSettings {
  /** Pins LMI to one instance type; without it the cheapest candidate is chosen at each rate. */
  instanceType?: string;
  /** Narrows the candidate set (--instance-types). */
  instanceTypes?: string[];
  /** Project a month of this traffic on both compute types. */
  profile?: TrafficProfile;
  lag?: ScalingLag;
  range?: RateRange;
}

/** A level counts as well supported when at most this share of its requests failed or was throttled. */
const maxFailureShare = 0.01;

export function attachCosts(run: RunFile, prices: PriceBook, options: AttachOptions): RunFile {
  const names = candidateNames(prices, options);
  const priced: RunFile = structuredClone(run);
  priced.instanceChoice = instanceChoice(candidateChoice(options), names);
  const measured = priced.levels.filter((l): l is MeasuredLevel => l.state === 'measured');
  // Each level's own model first: the lone level's is the basis of the others.
  const ownModels = new Map(measured.flatMap((level) => (level.mode === 'lambda' ? [[level, ownDurationModel(level, run.target)] as const] : [])));
  const alone = uncontendedLevels(measured, run.target);
  for (const level of measured) {
    const basis = alone.get(level.variantId);
    if (level.mode === 'lambda') {
      const own = ownModels.get(level) ?? null;
      const basisModel = basis ? ownModels.get(basis) ?? null : null;
      const model = own && basis && basisModel ? uncontendedDurationModel(own, basisModel, basis) : own;
      if (model) level.durationModel = model;
      else delete level.durationModel;
    } else if (basis) {
      level.uncontendedCpu = { ...uncontendedCpu(level, basis), fromConcurrency: basis.concurrency };
    }
    const cost = levelCost(level, prices, options);
    if (cost) level.cost = cost;
    else delete level.cost;
  }
  priced.crossover = crossoverFor(priced.levels.filter((l): l is MeasuredLevel => l.state === 'measured'), prices, options);
  priced.prices = { ...prices.provenance };
  return priced;
}

function ownDurationModel(level: MeasuredLevel, target: RunFile['target']): DurationModel | null {
  return durationModelFor(
    {
      memoryMb: level.settings.memoryMb,
      accounting: level.accounting,
      cloudwatchMeanMs: level.cloudwatch?.durationMs?.average,
      invocations: level.cloudwatch?.invocations ?? level.requests.ok,
    },
    target,
  );
}

/** The engine's (CloudWatch) mean handler duration; the client-side latency mean when absent. */
export function meanDurationMs(level: MeasuredLevel): number {
  return level.cloudwatch?.durationMs?.average ?? level.latencyMs.mean;
}

/**
 * The duration standard Lambda bills for a level: the modelled AWS duration on the local target
 * (duration-model.ts), CloudWatch's Duration on AWS, the measured mean for a run file without
 * the engine's accounting.
 */
export function lambdaDurationMs(level: MeasuredLevel): number {
  return level.durationModel?.modelledMeanMs ?? meanDurationMs(level);
}

function lambdaScenario(level: MeasuredLevel, options: AttachOptions): LambdaScenario {
  return lambdaScenarioFor({ meanDurationMs: lambdaDurationMs(level), memoryMb: level.settings.memoryMb }, options);
}

function candidateChoice(options: AttachOptions): CandidateChoice {
  return {
    architecture: options.architecture,
    ...(options.instanceType === undefined ? {} : { instanceType: options.instanceType }),
    ...(options.instanceTypes === undefined ? {} : { instanceTypes: options.instanceTypes }),
  };
}

function candidateNames(prices: PriceBook, options: AttachOptions): string[] {
  return candidateTypeNames(prices, candidateChoice(options));
}

/** The level's scaling target: the swept manual target it ran with, else Auto. */
export function levelTarget(level: MeasuredLevel): ScalingTarget {
  const percent = level.settings.targetCpuPercent;
  return percent === undefined ? { mode: 'auto' } : { mode: 'manual', cpuPercent: percent };
}

function lmiScenario(level: MeasuredLevel, prices: PriceBook, options: AttachOptions): LmiScenario {
  const { maxConcurrency, gibPerVcpu, memoryMb } = level.settings;
  if (maxConcurrency === undefined || gibPerVcpu === undefined) {
    throw new UsageError(`run file: LMI level '${level.variantId}' at concurrency ${level.concurrency} has no maxConcurrency/gibPerVcpu settings`);
  }
  const measured = {
    // The variant's uncontended CPU (uncontended.ts) on the local target, the level's own on AWS.
    cpuSecondsPerRequest: level.uncontendedCpu ? level.uncontendedCpu.cpuSecondsPerRequest : level.cpuSecondsPerRequest,
    meanDurationMs: meanDurationMs(level),
    maxConcurrency,
    memoryMb,
    gibPerVcpu,
    target: levelTarget(level),
  };
  return lmiScenarioFor(measured, options, candidateNames(prices, options));
}

/** Cost of the level's throughput sustained for an hour; none for a level that served nothing. */
function levelCost(level: MeasuredLevel, prices: PriceBook, options: AttachOptions): LevelCost | null {
  const rate = level.throughputRps;
  if (!(rate > 0)) return null;
  const requestsPerHour = rate * 3600;
  if (level.mode === 'lambda') {
    const steadyUsdPerHour = lambdaUsdPerHourAt(lambdaScenario(level, options), prices, rate);
    const initUsdPerMillionRequests = initUsdPerMillion(level, prices, options);
    const usdPerMillionRequests = (steadyUsdPerHour / requestsPerHour) * 1e6 + initUsdPerMillionRequests;
    return {
      usdPerHour: (usdPerMillionRequests / 1e6) * requestsPerHour,
      usdPerMillionRequests,
      initUsdPerMillionRequests,
      initShare: usdPerMillionRequests > 0 ? initUsdPerMillionRequests / usdPerMillionRequests : 0,
    };
  }
  // LMI bills instance-hours, the fee and requests, never duration: INIT is not billed as such
  // (docs/lmi-facts.md), unlike standard Lambda above.
  const lmi = lmiUsdPerHourAt(lmiScenario(level, prices, options), prices, rate);
  return {
    usdPerHour: lmi.usdPerHour,
    usdPerMillionRequests: (lmi.usdPerHour / requestsPerHour) * 1e6,
    instances: lmi.sizing.instances,
    instanceType: lmi.sizing.instanceType,
    environments: lmi.sizing.environments,
  };
}

/**
 * Standard Lambda bills the INIT phase of on-demand functions (since 1 August 2025) as duration
 * at the function's memory. The level's cold starts, in its trials and in its warm-up (where a
 * traffic step of this size starts its environments), are spread over the requests the level
 * served. Their init durations are this machine's (not modelled).
 */
function initUsdPerMillion(level: MeasuredLevel, prices: PriceBook, options: AttachOptions): number {
  const inits = [level.initDurationMs, level.warmup?.initDurationMs].filter((i) => i !== null && i !== undefined);
  const coldStarts = inits.reduce((n, i) => n + i.count, 0);
  const served = level.requests.ok + (level.warmup?.requests.ok ?? 0);
  if (coldStarts === 0 || served === 0) return 0;
  const initMs = inits.reduce((total, i) => total + i.mean * i.count, 0);
  // Priced as one invocation of the whole init time, then spread: only the compute part counts.
  const compute = lambdaCost(
    { requests: 1, billedDurationMs: initMs, memoryMb: level.settings.memoryMb, architecture: options.architecture, freeTier: false, durationDiscount: options.lambdaDiscount },
    prices,
  ).computeUsd;
  return (compute / served) * 1e6;
}

function failureShare(level: MeasuredLevel): number {
  const { ok, throttled, errors } = level.requests;
  const total = ok + throttled + errors;
  return total === 0 ? 1 : (throttled + errors) / total;
}

/**
 * The level whose measurements best support a model input: among levels with at most 1% failed
 * or throttled requests (all levels when none qualifies), the one with the most successful
 * requests (the largest sample); for LMI, levels with a CPU measurement first.
 */
export function bestSupportedLevel(levels: MeasuredLevel[]): { level: MeasuredLevel; why: string } | null {
  const served = levels.filter((l) => l.requests.ok > 0 && l.throughputRps > 0);
  if (served.length === 0) return null;
  const clean = served.filter((l) => failureShare(l) <= maxFailureShare);
  const pool = clean.length > 0 ? clean : served;
  const withCpu = pool.filter((l) => l.cpuSecondsPerRequest !== null);
  const candidates = withCpu.length > 0 ? withCpu : pool;
  const level = candidates.reduce((best, l) => (l.requests.ok > best.requests.ok ? l : best));
  const share = (failureShare(level) * 100).toFixed(1);
  const why =
    clean.length > 0
      ? `most successful requests (${level.requests.ok}) among levels with ≤ 1% failed or throttled (${share}%)`
      : `most successful requests (${level.requests.ok}); no level stayed under 1% failed or throttled (${share}%)`;
  return { level, why };
}

function describe(level: MeasuredLevel): string {
  return `${level.variantId} at concurrency ${level.concurrency}`;
}

function crossoverFor(levels: MeasuredLevel[], prices: PriceBook, options: AttachOptions): CrossoverResult | null {
  const lambdaBasis = bestSupportedLevel(levels.filter((l) => l.mode === 'lambda'));
  const lmiBasis = bestSupportedLevel(levels.filter((l) => l.mode === 'lmi'));
  if (!lambdaBasis || !lmiBasis) return null;
  const scenario: CostScenario = { lambda: lambdaScenario(lambdaBasis.level, options), lmi: lmiScenario(lmiBasis.level, prices, options) };
  const range = options.range ?? defaultRateRange;
  const analysis = crossover(scenario, prices, range);
  const lmiLevel = lmiBasis.level;
  const types = scenario.lmi.instanceTypes;
  const note = [
    `Lambda inputs from ${describe(lambdaBasis.level)}: ${lambdaBasis.why}; ${lambdaBasis.level.durationModel?.source === 'local-model' ? 'modelled AWS mean duration' : 'mean duration'} ${scenario.lambda.meanDurationMs.toFixed(2)} ms at ${scenario.lambda.memoryMb} MB.`,
    `LMI inputs from ${describe(lmiLevel)}: ${lmiBasis.why}; mean duration ${scenario.lmi.capacity.meanDurationMs.toFixed(2)} ms, ` +
      `${scenario.lmi.capacity.cpuSecondsPerRequest === null ? 'CPU per request unmeasured' : `${(scenario.lmi.capacity.cpuSecondsPerRequest * 1000).toFixed(3)} CPU-ms per request${lmiLevel.uncontendedCpu ? ` (uncontended, from concurrency ${lmiLevel.uncontendedCpu.fromConcurrency})` : ''}`}, ` +
      `max concurrency ${scenario.lmi.capacity.maxConcurrency}, ${scenario.lmi.capacity.gibPerVcpu} GiB per vCPU on ${types.length === 1 ? types[0] : `the cheapest of ${types.length} instance types`}.`,
    `Rates scanned from ${range.minRps} to ${range.maxRps} requests/s.`,
  ].join(' ');
  const idle = lmiUsdPerHourAt(scenario.lmi, prices, 0);
  const floorUsdPerMonth = idle.cost.ec2Usd * hoursPerMonth + idle.cost.managementFeeUsd * hoursPerMonth;
  const result: CrossoverResult = {
    requestsPerSecond: analysis.requestsPerSecond,
    basis: { lambdaVariantId: lambdaBasis.level.variantId, lmiVariantId: lmiLevel.variantId, note },
    curve: analysis.curve,
    assumptions: [
      ...costAssumptions(options, types),
      ...durationAssumptions(lambdaBasis.level),
      ...sizingAssumptions({ ...scenario.lmi.capacity, candidateTypes: types }),
    ],
    sensitivity: discountSensitivity(scenario, prices, range),
    floor: {
      instances: idle.sizing.instances,
      instanceType: idle.sizing.instanceType,
      functionsPerProvider: options.functionsPerProvider ?? 1,
      usdPerMonth: floorUsdPerMonth,
    },
  };
  const spread = crossoverRange(scenario, prices, options.architecture, range);
  if (spread) {
    result.range = spread;
    result.assumptions.push(
      `In Auto mode AWS chooses the instance type: the break-even is a range, from the cheapest fleet of the ${types.length} allowed types (${spread.lowInstanceType}) ` +
        `to the types Lambda has been reported choosing (${reportedInstanceChoices[options.architecture].join(', ')}; ${spread.highInstanceType} is the latest). --instance-types narrows it; --instance-type pins one figure.`,
    );
  }
  if (options.profile) {
    const month = profileMonthlyCost(scenario, prices, options.profile, options.lag ?? defaultScalingLag);
    if (result.range) {
      // The verdict at each end of the range: the same month with LMI on the high end's type alone.
      const high = { ...scenario, lmi: { ...scenario.lmi, instanceTypes: [result.range.highInstanceType] } };
      result.range.highEndProfile = { lmiUsdPerMonth: profileMonthlyCost(high, prices, options.profile, options.lag ?? defaultScalingLag).lmiUsdPerMonth };
    }
    result.profile = {
      name: month.name,
      lambdaUsdPerMonth: month.lambdaUsdPerMonth,
      lmiUsdPerMonth: month.lmiUsdPerMonth,
      requestsPerMonth: month.requestsPerMonth,
      lmiInstanceHoursByType: month.lmiInstanceHoursByType,
      lag: month.lag,
      throttleRiskMinutesPerMonth: month.throttleRiskMinutesPerMonth,
      throttleRiskMinutes: month.throttleRiskMinutes,
      floorShareOfLmi: month.floor.shareOfLmi,
    };
  }
  return result;
}

function durationAssumptions(level: MeasuredLevel): string[] {
  const model = level.durationModel;
  if (!model) return ['Lambda duration is the mean measured here, not modelled (the run has no CPU accounting).'];
  if (model.source === 'cloudwatch') return ['Lambda duration is the Duration CloudWatch reported for the level.'];
  return [
    `Lambda duration is modelled for AWS: off-CPU wait + CPU time ÷ the vCPU share of ${model.memoryMb} MB (${model.vcpuShare.toFixed(3)} of one vCPU at 1,769 MB per vCPU, never above one for a single-threaded handler); time spent waiting for this machine's cores is left out.`,
    ...(model.uncontendedFrom
      ? [`CPU and off-CPU time per request come from ${model.uncontendedFrom.variantId} at ${model.uncontendedFrom.rate === undefined ? `concurrency ${model.uncontendedFrom.concurrency}` : `${model.uncontendedFrom.rate} req/s`}, where its environments ran alone: on AWS each has its own CPU share, so what contention for this machine's cores adds is not billed. Each level keeps its own readings and contention factor in run.json (durationModel.contended).`]
      : []),
    'Each level\'s Lambda cost includes its cold starts\' INIT duration (billed since 1 August 2025), warm-up included, at the init durations measured here.',
  ];
}

function costAssumptions(options: AttachOptions, types: string[]): string[] {
  return [
    `Costs at a rate assume it is sustained for a ${hoursPerMonth}-hour month; Lambda's volume tiers and free tier are monthly.`,
    `Lambda bills the measured mean duration rounded up to the next 1 ms (within 1 ms of the per-request rounding), ${options.architecture}, free tier ${options.freeTier ? 'applied' : 'not applied'}` +
      `, ${Math.round(options.lambdaDiscount * 100)}% Compute Savings Plans discount on duration (not on requests).`,
    `LMI: ${types.length === 1 ? `${types[0]} instances` : 'the cheapest candidate instance type at each rate'}; a ${Math.round(options.lmiDiscount * 100)}% commitment discount on the EC2 part only; the 15% management fee on the on-demand price.`,
  ];
}
