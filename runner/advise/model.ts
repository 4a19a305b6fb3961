/**
 * The migration verdict with no bench: a function (its configuration, duration and, when known,
 * CPU time per request) and a traffic profile, priced for a month on standard Lambda and on LMI
 * with the settings LMI would run it with, the break-even rate, the risks, and (when CPU time is
 * unknown) how the answer moves from all-waiting to all-CPU. Pure, and data only: numbers, enums
 * and discriminated unions. The sentences are the renderers' (words.ts, for the terminal and the
 * page), so a figure is computed once and worded in one place.
 */
import type { SafetyCheck } from '../safety/latest-result.ts';
import { safetyGate, type SafetyGate } from '../safety/gate.ts';
import { UsageError } from '../errors.ts';
import type { Architecture, InstanceChoice, PriceProvenance, TrafficProfile } from '../domain.ts';
import { benchDefaults, defaultLmiMemoryMb } from '../plan/defaults.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { defaultRateRange } from '../cost/crossover.ts';
import { candidateTypeNames, type CandidateChoice } from '../cost/candidates.ts';
import { instanceChoice } from '../cost/instance-choice.ts';
import { instancePrice } from '../pricing/lookup.ts';
import { hoursPerMonth, requestsPerMonthAt } from '../system/numbers.ts';
import { lambdaVcpuShare } from '../capacity/lambda-cpu-share.ts';
import type { InstanceReservation } from '../capacity/lmi-sizing.ts';
import { maxConcurrencyPerVcpu, runtimeSupport, type RuntimeSupport } from './runtime-support.ts';
import { doublingWindowMin } from '../cost/monthly.ts';
import { crossoverRange, type CrossoverRange } from '../cost/crossover-range.ts';
import { costScenario, crossoverAnalysis, lmiAdvantageAt, monthOf, type LmiSettings, type SizingInput } from './sizing.ts';
import { trafficStats, type TrafficStats } from './traffic-stats.ts';
import { cpuBoundConcurrency, expectedLatency, gibPerVcpuChoices, type LatencyOnLmi, type SettingReason } from './settings-choice.ts';

export interface AdviseFunction {
  /** The deployed function's name; null for a what-if. */
  name: string | null;
  memoryMb: number;
  architecture: Architecture;
  /** Lambda runtime identifier (nodejs22.x, python3.13, ...); null when not known. */
  runtime: string | null;
  timeoutSec: number | null;
  meanDurationMs: number;
  p99DurationMs: number | null;
  /** Median duration, when read (CloudWatch's p50). */
  p50DurationMs?: number | null;
  /** CPU time per request; null when unknown (the verdict is then shown across its range). */
  cpuMsPerRequest: number | null;
  /** Where a known CPU time came from when it was not given: Lambda Insights' cpu_total_time. */
  cpuFrom?: 'lambda-insights';
  /** Set when the function already runs on LMI: the settings it runs with. */
  lmi: { maxConcurrency: number; gibPerVcpu: number } | null;
}

export interface AdviseOptions {
  region: string;
  /** Pins the LMI instance type. */
  instanceType?: string;
  /** Narrows the candidate types (default: every priced type of the function's architecture); the cheapest is chosen. */
  instanceTypes?: string[];
  lmiDiscount: number;
  /** Compute Savings Plans discount on Lambda duration (0–0.17). */
  lambdaDiscount: number;
  /** Functions sharing the capacity provider and so its instance floor. */
  functionsPerProvider: number;
  /** Capacity each instance keeps for itself (default defaultInstanceReservation: 1 vCPU + 1 GiB). */
  reservation?: InstanceReservation;
  freeTier: boolean;
  /** Override the LMI settings advise would choose. */
  lmiMemoryMb?: number;
  maxConcurrency?: number;
  gibPerVcpu?: number;
  minEnvironments?: number;
  /** Project a month from a history shorter than a day (refused otherwise). */
  allowShortHistory?: boolean;
}

/** Less history than this is too little to project a month from, unless the user insists. */
export const minHistoryMinutes = 24 * 60;

/** Where the function runs now: the verdict is worded from there ("move to LMI" or "on LMI: standard Lambda would cost"). */
export type RunsOn = 'lambda' | 'lmi';

export type Decision = 'lmi' | 'lambda' | 'equal' | 'depends-on-cpu' | 'no-traffic';

/**
 * The handler's last `lmi-bench safety` check, as advise found it: found; looked for under the
 * workload the user named and missing; or not looked for (no workload named and none under the
 * function's name).
 */
export type SafetyLookup = { state: 'found'; workload: string; check: SafetyCheck; command: string } | { state: 'missing'; workload: string; lookedIn: string; command: string } | { state: 'unknown' };

/** warning: acts against moving as things stand; check: something to verify before moving. */
export type RiskSeverity = 'warning' | 'check';

/**
 * What could go wrong on LMI, one kind each, with the figures its sentence needs:
 * - instance-floor: the 3-instance minimum fleet and what it costs this function;
 * - traffic-surge: growth faster than LMI scales, unmeasured (a steady what-if), seen in the
 *   profile (minutes a month), or not seen in the minutes read;
 * - runtime-version: LMI's minimum runtime against the function's (unknown when not given);
 * - concurrent-invocations: state shared between concurrent requests, citing the last safety check;
 * - architecture: the instance type's architecture differs from the function's.
 */
export type Risk =
  | { kind: 'instance-floor'; severity: RiskSeverity; floor: LmiSide['floor']; functionsPerProvider: number; busiestInstances: number }
  | { kind: 'traffic-surge'; severity: RiskSeverity; seen: { state: 'unmeasured' } | { state: 'bursts'; minutesPerMonth: number } | { state: 'steady'; minutesRead: number } }
  | { kind: 'runtime-version'; severity: RiskSeverity; support: RuntimeSupport | null }
  | { kind: 'concurrent-invocations'; severity: RiskSeverity; maxConcurrency: number; safety: SafetyLookup }
  | { kind: 'architecture'; severity: RiskSeverity; instanceType: string; instanceArchitecture: Architecture; functionArchitecture: Architecture };

export interface SensitivityRow {
  /** Share of the duration spent on CPU: 0 all-waiting, 1 all-CPU. */
  cpuShare: number;
  cpuMsPerRequest: number;
  lmiUsdPerMonth: number;
  lmiInstances: number;
  savingUsdPerMonth: number;
  breakEvenRequestsPerSecond: number | null;
}

export interface LmiSide {
  usdPerMonth: number;
  /** The type with the most instance-hours in the month (the sizing model may switch type with the rate). */
  instanceType: string;
  /** Instance-hours a month by type. */
  instanceHoursByType: Record<string, number>;
  /** Instances at the busiest minute of the profile (what must be provisioned). */
  instances: number;
  instancesMin: number;
  instanceHoursPerMonth: number;
  discount: number;
  /** The minimum fleet alone for a month, charged to this function (its share when the provider is shared). */
  floor: { instances: number; instanceType: string; usdPerMonth: number; shareOfLmi: number };
  /** Minutes of the month where traffic more than doubled within 5 minutes beyond the minimum capacity. */
  throttleRiskMinutesPerMonth: number;
  settings: LmiSettings;
  cpuMsPerRequest: number;
  /** True when CPU time was not given and the all-CPU bound was assumed. */
  cpuMsAssumed: boolean;
  /** The all-CPU bound: the whole duration at the vCPU share Lambda gives the function's memory. */
  allCpuMsPerRequest: number;
  /** Functions sharing the capacity provider (and its floor). */
  functionsPerProvider: number;
  /** The instance types the sizing model chose from. */
  candidates: string[];
  /** The architecture and candidate set, named as bench and cost name them, with the flags that change them. */
  instanceChoice: InstanceChoice;
}

export interface Advice {
  function: AdviseFunction;
  runsOn: RunsOn;
  traffic: TrafficStats;
  region: string;
  lambda: { usdPerMonth: number; memoryMb: number; architecture: Architecture; meanDurationMs: number; freeTier: boolean; discount: number };
  lmi: LmiSide;
  /** Lambda minus LMI: positive when LMI saves money. */
  savingUsdPerMonth: number;
  savingShare: number | null;
  /** The rate above which LMI is cheaper at every rate scanned; null when it never is. */
  breakEvenRequestsPerSecond: number | null;
  breakEvenRequestsPerMonth: number | null;
  /**
   * With the type left to AWS: the break-even on the cheapest allowed fleet (low) and on the types
   * Lambda has been reported choosing (high); null when one type is pinned or LMI never pays.
   */
  breakEvenRange: CrossoverRange | null;
  /** Every rate where the cheaper compute type switches (LMI's cost is a step function). */
  crossoversRequestsPerSecond: number[];
  /** Monthly cost of each compute type at sustained rates (0.01 to 100,000 req/s). */
  curve: CurvePoint[];
  decision: Decision;
  /** Why each LMI setting is what it is. */
  settingsWhy: SettingsWhy;
  /** The latency expected on LMI at these settings, or why it cannot be said. */
  latencyOnLmi: LatencyOnLmi;
  /** With decision 'depends-on-cpu': the CPU time per request above which LMI stops saving money. */
  cpuThresholdMs: number | null;
  risks: Risk[];
  /** The handler's last `lmi-bench safety` check, cited by the concurrent-invocations risk. */
  safety: SafetyLookup;
  /**
   * What the safety check says about moving, which leads the verdict when the handler is unsafe
   * or unchecked; null for a what-if that names no handler (there is nothing to check).
   */
  safetyGate: SafetyGate | null;
  /** The verdict from all-waiting to all-CPU, when CPU time per request was not given. */
  sensitivity: SensitivityRow[] | null;
  prices: PriceProvenance;
}

const sensitivityShares = [0, 0.25, 0.5, 0.75, 1];

/**
 * The most CPU a request can take: its whole duration at the CPU share Lambda gives its memory
 * (a single-threaded handler at 1,024 MB gets 0.58 vCPU, so 120 ms all-CPU is 69 CPU-ms).
 */
export function allCpuMs(meanDurationMs: number, memoryMb: number): number {
  return meanDurationMs * lambdaVcpuShare(memoryMb);
}

/** LMI settings for the function: its own when it is on LMI, else the documented defaults (concurrency capped by CPU). */
export function lmiSettingsFor(fn: AdviseFunction, options: AdviseOptions, gibPerVcpuChoice?: number): LmiSettings {
  return chooseSettings(fn, options, gibPerVcpuChoice).settings;
}

/** The settings and why each: given, deployed, the runtime's default, or capped by the CPU share. */
function chooseSettings(fn: AdviseFunction, options: AdviseOptions, gibPerVcpuChoice?: number): { settings: LmiSettings; why: SettingsWhy } {
  const gibPerVcpu = options.gibPerVcpu ?? fn.lmi?.gibPerVcpu ?? gibPerVcpuChoice ?? benchDefaults.lmi.gibPerVcpu[0];
  const memoryMb = options.lmiMemoryMb ?? defaultLmiMemoryMb(fn.memoryMb, gibPerVcpu);
  if (memoryMb < benchDefaults.lmi.minMemoryMb) throw new UsageError(`--lmi-memory must be at least ${benchDefaults.lmi.minMemoryMb} (LMI's smallest function), got ${memoryMb}`);
  const vcpus = Math.max(1, Math.floor(memoryMb / 1024 / gibPerVcpu));
  const family = fn.runtime === null ? null : runtimeSupport(fn.runtime).family;
  const perVcpu = maxConcurrencyPerVcpu(family);
  const runtimeDefault = Math.min(1600, perVcpu * vcpus);
  const latency = expectedLatency(fn, fn.cpuMsPerRequest, lambdaVcpuShare(fn.memoryMb));
  const cap = latency.state === 'expected' ? cpuBoundConcurrency(vcpus, latency.cpuShare) : Number.POSITIVE_INFINITY;
  let maxConcurrency: number;
  let concurrencyWhy: SettingReason;
  if (options.maxConcurrency !== undefined) [maxConcurrency, concurrencyWhy] = [options.maxConcurrency, { kind: 'given' }];
  else if (fn.lmi) [maxConcurrency, concurrencyWhy] = [fn.lmi.maxConcurrency, { kind: 'deployed' }];
  else if (cap < runtimeDefault && latency.state === 'expected') [maxConcurrency, concurrencyWhy] = [cap, { kind: 'cpu-cap', perVcpu, vcpus, cpuShare: latency.cpuShare }];
  else [maxConcurrency, concurrencyWhy] = [runtimeDefault, { kind: 'runtime-default', perVcpu, vcpus }];
  const gibWhy: SettingReason = options.gibPerVcpu !== undefined ? { kind: 'given' } : fn.lmi ? { kind: 'deployed' } : { kind: 'documented-default' };
  return { settings: { memoryMb, maxConcurrency, gibPerVcpu, minEnvironments: options.minEnvironments ?? benchDefaults.lmi.minEnvironments }, why: { maxConcurrency: concurrencyWhy, gibPerVcpu: gibWhy } };
}

export interface SettingsWhy {
  maxConcurrency: SettingReason;
  gibPerVcpu: SettingReason;
}

/**
 * With CPU time known and the ratio free, each of LMI's memory-to-vCPU ratios is priced for the
 * month and the cheapest kept; otherwise the default (or the deployed or given one).
 */
function chooseRatio(fn: AdviseFunction, options: AdviseOptions, price: (settings: LmiSettings) => number): { settings: LmiSettings; why: SettingsWhy } {
  const first = chooseSettings(fn, options);
  if (fn.cpuMsPerRequest === null || options.gibPerVcpu !== undefined || fn.lmi !== null || options.lmiMemoryMb !== undefined) return first;
  const tried = gibPerVcpuChoices.map((gibPerVcpu) => {
    const choice = chooseSettings(fn, options, gibPerVcpu);
    return { gibPerVcpu, choice, usdPerMonth: price(choice.settings) };
  });
  const best = tried.reduce((a, b) => (b.usdPerMonth < a.usdPerMonth - 0.005 ? b : a));
  return { settings: best.choice.settings, why: { ...best.choice.why, gibPerVcpu: { kind: 'cheapest-ratio', tried: tried.map(({ gibPerVcpu, usdPerMonth }) => ({ gibPerVcpu, usdPerMonth })) } } };
}

function sizingInput(fn: AdviseFunction, options: AdviseOptions, settings: LmiSettings, instanceTypes: string[], cpuMs: number | null): SizingInput {
  return {
    meanDurationMs: fn.meanDurationMs,
    lambdaMemoryMb: fn.memoryMb,
    architecture: fn.architecture,
    cpuMsPerRequest: cpuMs,
    freeTier: options.freeTier,
    instanceTypes,
    lmiDiscount: options.lmiDiscount,
    lambdaDiscount: options.lambdaDiscount,
    functionsPerProvider: options.functionsPerProvider,
    ...(options.reservation === undefined ? {} : { reservation: options.reservation }),
    settings,
  };
}

/** The lowest rate from which LMI stays cheaper up to the top of the scanned range. */
function breakEven(input: SizingInput, prices: PriceBook, curvePoints?: number): { rps: number | null; crossovers: number[]; curve: CurvePoint[] } {
  const analysis = crossoverAnalysis(input, prices, curvePoints);
  const crossovers = analysis.requestsPerSecond;
  const curve = analysis.curve.map((point) => ({
    requestsPerSecond: point.requestsPerSecond,
    lambdaUsdPerMonth: point.lambdaUsdPerHour * hoursPerMonth,
    lmiUsdPerMonth: point.lmiUsdPerHour * hoursPerMonth,
    lmiInstances: point.lmiInstances,
  }));
  if (lmiAdvantageAt(input, prices, defaultRateRange.maxRps) <= 0) return { rps: null, crossovers, curve };
  return { rps: crossovers.at(-1) ?? 0, crossovers, curve };
}

/** Both compute types at a sustained rate, for the cost chart. */
export interface CurvePoint {
  requestsPerSecond: number;
  lambdaUsdPerMonth: number;
  lmiUsdPerMonth: number;
  lmiInstances: number;
}

const curvePoints = 91;

/** The instance types LMI may use for this function: pinned, narrowed, or its architecture's priced set. */
function candidateChoice(fn: AdviseFunction, options: AdviseOptions): CandidateChoice {
  return {
    architecture: fn.architecture,
    ...(options.instanceType !== undefined ? { instanceType: options.instanceType } : {}),
    ...(options.instanceTypes !== undefined ? { instanceTypes: options.instanceTypes } : {}),
  };
}

function candidateTypes(fn: AdviseFunction, options: AdviseOptions, prices: PriceBook): string[] {
  return candidateTypeNames(prices, candidateChoice(fn, options));
}

/** The type that ran the most instance-hours (ties: the first by name, for a stable answer). */
function mainType(hoursByType: Record<string, number>, fallback: string): string {
  const entries = Object.entries(hoursByType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries[0]?.[0] ?? fallback;
}

/**
 * The monthly saving at each end of the CPU range: all-waiting (0% CPU, the fewest instances LMI
 * could need) and all-CPU (the most). Both are the one saving when the CPU time is known.
 */
export function savingEnds(advice: Pick<Advice, 'sensitivity' | 'savingUsdPerMonth'>): { allWaitingUsd: number; allCpuUsd: number } {
  const rows = advice.sensitivity;
  return { allWaitingUsd: rows?.[0]?.savingUsdPerMonth ?? advice.savingUsdPerMonth, allCpuUsd: rows?.at(-1)?.savingUsdPerMonth ?? advice.savingUsdPerMonth };
}

export function advise(fn: AdviseFunction, profile: TrafficProfile, options: AdviseOptions, prices: PriceBook, safety: SafetyLookup = { state: 'unknown' }): Advice {
  const traffic = trafficStats(profile);
  refuseShortHistory(traffic, options);
  const upperCpuMs = allCpuMs(fn.meanDurationMs, fn.memoryMb);
  const cpuMsAssumed = fn.cpuMsPerRequest === null;
  // Unknown CPU time: the headline takes the all-CPU bound, the most instances LMI could need.
  const cpuMs = fn.cpuMsPerRequest ?? upperCpuMs;
  const candidates = candidateTypes(fn, options, prices);
  const chosen = chooseRatio(fn, options, (at) => monthOf(sizingInput(fn, options, at, candidates, cpuMs), prices, profile).lmiUsdPerMonth);
  const settings = chosen.settings;
  const input = sizingInput(fn, options, settings, candidates, cpuMs);
  const month = monthOf(input, prices, profile);
  const even = breakEven(input, prices, curvePoints);
  const saving = month.lambdaUsdPerMonth - month.lmiUsdPerMonth;

  const sensitivity = cpuMsAssumed ? sensitivityRows(input, upperCpuMs, prices, profile) : null;
  const decision = decide(traffic, saving, sensitivity);
  const cpuThreshold = decision === 'depends-on-cpu' ? cpuThresholdMs(input, upperCpuMs, prices, profile) : null;

  const lmi: LmiSide = {
    usdPerMonth: month.lmiUsdPerMonth,
    instanceType: mainType(month.lmiInstanceHoursByType, month.floor.instanceType),
    instanceHoursByType: month.lmiInstanceHoursByType,
    instances: month.lmiInstancesMax,
    instancesMin: month.lmiInstancesMin,
    instanceHoursPerMonth: month.lmiInstanceHoursPerMonth,
    discount: options.lmiDiscount,
    floor: month.floor,
    throttleRiskMinutesPerMonth: month.throttleRiskMinutesPerMonth,
    settings,
    cpuMsPerRequest: cpuMs,
    cpuMsAssumed,
    allCpuMsPerRequest: upperCpuMs,
    functionsPerProvider: options.functionsPerProvider,
    candidates,
    instanceChoice: instanceChoice(candidateChoice(fn, options), candidates),
  };
  const advice: Advice = {
    function: fn,
    runsOn: fn.lmi === null ? 'lambda' : 'lmi',
    traffic,
    region: options.region,
    lambda: { usdPerMonth: month.lambdaUsdPerMonth, memoryMb: fn.memoryMb, architecture: fn.architecture, meanDurationMs: fn.meanDurationMs, freeTier: options.freeTier, discount: options.lambdaDiscount },
    lmi,
    savingUsdPerMonth: saving,
    savingShare: month.lambdaUsdPerMonth > 0 ? saving / month.lambdaUsdPerMonth : null,
    breakEvenRequestsPerSecond: even.rps,
    breakEvenRequestsPerMonth: even.rps === null ? null : requestsPerMonthAt(even.rps),
    breakEvenRange: crossoverRange(costScenario(input), prices, fn.architecture),
    crossoversRequestsPerSecond: even.crossovers,
    curve: even.curve,
    decision,
    cpuThresholdMs: cpuThreshold,
    settingsWhy: chosen.why,
    latencyOnLmi: traffic.requestsPerMonth === 0 ? { state: 'unknown', why: 'no-traffic' } : expectedLatency(fn, fn.cpuMsPerRequest, lambdaVcpuShare(fn.memoryMb)),
    risks: risks(fn, traffic, lmi, prices, safety),
    safety,
    safetyGate: gateOf(fn, safety),
    sensitivity,
    prices: { ...prices.provenance },
  };
  return advice;
}

/** A month projected from under a day of history would mostly be a guess: refused unless asked for. */
function refuseShortHistory(traffic: TrafficStats, options: AdviseOptions): void {
  const history = traffic.history;
  if (history === null || history.minutesSeen >= minHistoryMinutes || options.allowShortHistory === true) return;
  throw new UsageError(
    `${traffic.name}: CloudWatch has ${history.minutesSeen} minute(s) of invocations, under a day: too little to project a month; ` +
      'give --allow-short-history to project it anyway (with a warning), or advise again when the function has a day of traffic',
  );
}

function decide(traffic: TrafficStats, saving: number, sensitivity: SensitivityRow[] | null): Decision {
  if (traffic.requestsPerMonth === 0) return 'no-traffic';
  if (sensitivity) {
    const signs = new Set(sensitivity.map((row) => Math.sign(round(row.savingUsdPerMonth))));
    if (signs.size > 1) return 'depends-on-cpu';
  }
  const sign = Math.sign(round(saving));
  return sign > 0 ? 'lmi' : sign < 0 ? 'lambda' : 'equal';
}

/** To the cent: a saving of a fraction of a cent is no saving. */
function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function sensitivityRows(input: SizingInput, upperCpuMs: number, prices: PriceBook, profile: TrafficProfile): SensitivityRow[] {
  return sensitivityShares.map((cpuShare) => {
    const at: SizingInput = { ...input, cpuMsPerRequest: upperCpuMs * cpuShare };
    const priced = monthOf(at, prices, profile);
    return {
      cpuShare,
      cpuMsPerRequest: upperCpuMs * cpuShare,
      lmiUsdPerMonth: priced.lmiUsdPerMonth,
      lmiInstances: priced.lmiInstancesMax,
      savingUsdPerMonth: priced.lambdaUsdPerMonth - priced.lmiUsdPerMonth,
      breakEvenRequestsPerSecond: breakEven(at, prices).rps,
    };
  });
}

/** The CPU time per request above which LMI stops saving money (LMI's cost only grows with CPU). */
function cpuThresholdMs(input: SizingInput, upperCpuMs: number, prices: PriceBook, profile: TrafficProfile): number {
  const saves = (cpuMs: number): boolean => {
    const priced = monthOf({ ...input, cpuMsPerRequest: cpuMs }, prices, profile);
    return priced.lambdaUsdPerMonth - priced.lmiUsdPerMonth > 0;
  };
  let low = 0;
  let high = upperCpuMs;
  for (let i = 0; i < 30 && high - low > 1e-3; i++) {
    const middle = (low + high) / 2;
    if (saves(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** The gate of the handler's last check: found, missing (a named workload never checked), or a deployed function with none under its name. */
function gateOf(fn: AdviseFunction, safety: SafetyLookup): SafetyGate | null {
  switch (safety.state) {
    case 'found':
      return safetyGate(safety.check, safety.command);
    case 'missing':
      return safetyGate(undefined, safety.command);
    case 'unknown':
      return fn.name === null ? null : safetyGate(undefined, 'lmi-bench safety --workload ./your-handler (then advise with --workload)');
  }
}

function risks(fn: AdviseFunction, traffic: TrafficStats, lmi: LmiSide, prices: PriceBook, safety: SafetyLookup): Risk[] {
  const { floor } = lmi;
  const out: Risk[] = [
    {
      kind: 'instance-floor',
      severity: traffic.requestsPerMonth === 0 || floor.shareOfLmi >= 0.5 ? 'warning' : 'check',
      floor,
      functionsPerProvider: lmi.functionsPerProvider,
      busiestInstances: lmi.instances,
    },
    surgeRisk(traffic, lmi),
    // A runtime that meets LMI's minimum is no risk: only an unknown or too old one is listed.
    ...runtimeRisk(fn.runtime).filter((risk) => risk.kind !== 'runtime-version' || risk.support?.supported !== true),
    { kind: 'concurrent-invocations', severity: safety.state === 'found' && safety.check.errors > 0 ? 'warning' : 'check', maxConcurrency: lmi.settings.maxConcurrency, safety },
  ];
  const instanceArchitecture = instancePrice(prices, lmi.instanceType).architecture;
  if (instanceArchitecture !== fn.architecture) {
    out.push({ kind: 'architecture', severity: 'warning', instanceType: lmi.instanceType, instanceArchitecture, functionArchitecture: fn.architecture });
  }
  return out;
}

function surgeRisk(traffic: TrafficStats, lmi: LmiSide): Risk {
  // A profile shorter than two doubling windows cannot show a surge: a steady what-if says nothing.
  if (traffic.minutes < 2 * doublingWindowMin) return { kind: 'traffic-surge', severity: 'check', seen: { state: 'unmeasured' } };
  if (lmi.throttleRiskMinutesPerMonth > 0) return { kind: 'traffic-surge', severity: 'warning', seen: { state: 'bursts', minutesPerMonth: lmi.throttleRiskMinutesPerMonth } };
  return { kind: 'traffic-surge', severity: 'check', seen: { state: 'steady', minutesRead: traffic.minutes } };
}

function runtimeRisk(runtime: string | null): Risk[] {
  const support = runtime === null ? null : runtimeSupport(runtime);
  return [{ kind: 'runtime-version', severity: support?.supported === false ? 'warning' : 'check', support }];
}

/** The function's runtime is one LMI cannot run: the verdict cannot be "move" until it is upgraded. */
export function runtimeBlocksLmi(advice: Advice): RuntimeSupport | null {
  const risk = advice.risks.find((r): r is Extract<Risk, { kind: 'runtime-version' }> => r.kind === 'runtime-version');
  return risk?.support?.supported === false ? risk.support : null;
}
