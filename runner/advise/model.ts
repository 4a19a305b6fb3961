/**
 * The migration verdict with no bench: a function (its configuration, duration and, when known,
 * CPU time per request) and a traffic profile, priced for a month on standard Lambda and on LMI
 * with the settings LMI would run it with, the break-even rate, the risks in plain words, and
 * (when CPU time is unknown) how the answer moves from all-waiting to all-CPU. Pure.
 */
import { safetyCheckLine, type SafetyCheck } from '../safety/latest-result.ts';
import { UsageError } from '../errors.ts';
import type { Architecture, PriceProvenance, TrafficProfile } from '../domain.ts';
import { benchDefaults, defaultLmiMemoryMb } from '../plan/defaults.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { defaultRateRange } from '../cost/crossover.ts';
import { candidateTypeNames } from '../cost/candidates.ts';
import { instancePrice } from '../cost/lmi-cost.ts';
import { hoursPerMonth, requestsPerMonthAt } from '../system/numbers.ts';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from '../../reports/format.ts';
import { maxConcurrencyPerVcpu, runtimeSupport } from './runtime-support.ts';
import { sizingAssumptions } from '../capacity/lmi-sizing.ts';
import { lambdaVcpuShare } from '../capacity/lambda-cpu-share.ts';
import { doublingWindowMin } from '../cost/monthly.ts';
import { crossoverRange, type CrossoverRange } from '../cost/crossover-range.ts';
import { breakEvenRangeParts, verdictText } from '../../reports/verdict.ts';
import { costScenario, crossoverAnalysis, lmiAdvantageAt, monthOf, type LmiSettings, type SizingInput } from './sizing.ts';
import { trafficStats, type TrafficStats } from './traffic-stats.ts';

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
  /** CPU time per request; null when unknown (the verdict is then shown across its range). */
  cpuMsPerRequest: number | null;
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
  freeTier: boolean;
  /** Override the LMI settings advise would choose. */
  lmiMemoryMb?: number;
  maxConcurrency?: number;
  gibPerVcpu?: number;
  minEnvironments?: number;
}

export type Decision = 'lmi' | 'lambda' | 'equal' | 'depends-on-cpu' | 'no-traffic';

/**
 * The handler's last `lmi-bench safety` check, as advise found it: found; looked for under the
 * workload the user named and missing; or not looked for (no workload named and none under the
 * function's name).
 */
export type SafetyLookup = { state: 'found'; workload: string; check: SafetyCheck } | { state: 'missing'; workload: string; lookedIn: string; command: string } | { state: 'unknown' };

export interface Risk {
  kind: 'instance-floor' | 'traffic-surge' | 'runtime-version' | 'concurrent-invocations' | 'architecture';
  /** warning: acts against moving as things stand; check: something to verify before moving. */
  severity: 'warning' | 'check';
  text: string;
}

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
  /** The instance types the sizing model chose from. */
  candidates: string[];
}

export interface Advice {
  function: AdviseFunction;
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
  verdict: string;
  risks: Risk[];
  /** The handler's last `lmi-bench safety` check, cited by the concurrent-invocations risk. */
  safety: SafetyLookup;
  /** The verdict from all-waiting to all-CPU, when CPU time per request was not given. */
  sensitivity: SensitivityRow[] | null;
  /** Which inputs would settle the answer; null when nothing is open. */
  settle: string | null;
  assumptions: string[];
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

/** LMI settings for the function: its own when it is on LMI, else the documented defaults. */
export function lmiSettingsFor(fn: AdviseFunction, options: AdviseOptions): LmiSettings {
  const gibPerVcpu = options.gibPerVcpu ?? fn.lmi?.gibPerVcpu ?? benchDefaults.lmi.gibPerVcpu[0];
  const memoryMb = options.lmiMemoryMb ?? defaultLmiMemoryMb(fn.memoryMb, gibPerVcpu);
  if (memoryMb < benchDefaults.lmi.minMemoryMb) throw new UsageError(`--lmi-memory-mb must be at least ${benchDefaults.lmi.minMemoryMb} (LMI's smallest function), got ${memoryMb}`);
  const vcpus = Math.max(1, Math.floor(memoryMb / 1024 / gibPerVcpu));
  const family = fn.runtime === null ? null : runtimeSupport(fn.runtime).family;
  const maxConcurrency = options.maxConcurrency ?? fn.lmi?.maxConcurrency ?? Math.min(1600, maxConcurrencyPerVcpu(family) * vcpus);
  return { memoryMb, maxConcurrency, gibPerVcpu, minEnvironments: options.minEnvironments ?? benchDefaults.lmi.minEnvironments };
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
function candidateTypes(fn: AdviseFunction, options: AdviseOptions, prices: PriceBook): string[] {
  return candidateTypeNames(prices, {
    architecture: fn.architecture,
    ...(options.instanceType !== undefined ? { instanceType: options.instanceType } : {}),
    ...(options.instanceTypes !== undefined ? { instanceTypes: options.instanceTypes } : {}),
  });
}

/** The type that ran the most instance-hours (ties: the first by name, for a stable answer). */
function mainType(hoursByType: Record<string, number>, fallback: string): string {
  const entries = Object.entries(hoursByType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries[0]?.[0] ?? fallback;
}

export function advise(fn: AdviseFunction, profile: TrafficProfile, options: AdviseOptions, prices: PriceBook, safety: SafetyLookup = { state: 'unknown' }): Advice {
  const traffic = trafficStats(profile);
  const settings = lmiSettingsFor(fn, options);
  const upperCpuMs = allCpuMs(fn.meanDurationMs, fn.memoryMb);
  const cpuMsAssumed = fn.cpuMsPerRequest === null;
  // Unknown CPU time: the headline takes the all-CPU bound, the most instances LMI could need.
  const cpuMs = fn.cpuMsPerRequest ?? upperCpuMs;
  const candidates = candidateTypes(fn, options, prices);
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
    candidates,
  };
  const advice: Advice = {
    function: fn,
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
    verdict: '',
    risks: risks(fn, traffic, lmi, options, prices, safety),
    safety,
    sensitivity,
    settle: null,
    assumptions: assumptions(fn, settings, options, cpuMsAssumed, upperCpuMs, candidates),
    prices: { ...prices.provenance },
  };
  advice.verdict = verdictSentence(advice, cpuThreshold);
  advice.settle = settleSentence(advice, cpuThreshold);
  return advice;
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

function risks(fn: AdviseFunction, traffic: TrafficStats, lmi: LmiSide, options: AdviseOptions, prices: PriceBook, safety: SafetyLookup): Risk[] {
  const out: Risk[] = [];
  const { floor } = lmi;
  const shared = options.functionsPerProvider > 1 ? ` (this function's share: the capacity provider's floor is split between ${options.functionsPerProvider} functions)` : '';
  out.push({
    kind: 'instance-floor',
    severity: traffic.requestsPerMonth === 0 || floor.shareOfLmi >= 0.5 ? 'warning' : 'check',
    text:
      `LMI never runs fewer than 3 instances (one per Availability Zone) and does not scale to zero: ` +
      // Instance-hours, not "about 2,000 hours" as a pricing example may assume: the floor bills every hour of the month.
      `${formatCount(floor.instances)} × ${formatCount(hoursPerMonth)} h = ${formatCount(floor.instances * hoursPerMonth)} instance-hours a month at least; ` +
      `the floor alone costs ${formatUsd(floor.usdPerMonth)} a month on ${floor.instanceType}${shared}, ${formatPct(floor.shareOfLmi)} of LMI's cost here` +
      (lmi.instances <= floor.instances ? '; your traffic never needs more than the floor.' : `; your busiest minute needs ${formatCount(lmi.instances)} instances.`),
  });

  if (traffic.minutes < 2 * doublingWindowMin) {
    out.push({
      kind: 'traffic-surge',
      severity: 'check',
      text: 'LMI scales asynchronously and keeps room for traffic to double within 5 minutes; faster growth is throttled (HTTP 429). A steady what-if rate says nothing about your bursts: check with --function or --traffic csv:FILE.',
    });
  } else if (lmi.throttleRiskMinutesPerMonth > 0) {
    out.push({
      kind: 'traffic-surge',
      severity: 'warning',
      text:
        `In about ${formatCount(Math.round(lmi.throttleRiskMinutesPerMonth))} minutes a month your traffic more than doubles within 5 minutes beyond LMI's minimum capacity. ` +
        'LMI scales asynchronously and throttles (HTTP 429) growth faster than that: raise the minimum execution environments (PutFunctionScalingConfig) to cover such bursts.',
    });
  } else {
    out.push({
      kind: 'traffic-surge',
      severity: 'check',
      text: `LMI throttles (HTTP 429) traffic that more than doubles within 5 minutes beyond its minimum capacity; yours did not in the ${formatCount(traffic.minutes)} minutes read.`,
    });
  }

  if (fn.runtime === null) {
    out.push({ kind: 'runtime-version', severity: 'check', text: 'LMI needs Node.js 22+, Python 3.13+, Java 21+, .NET 8+ or provided.al2023: give --runtime to check yours.' });
  } else {
    const support = runtimeSupport(fn.runtime);
    if (support.supported === false) {
      out.push({ kind: 'runtime-version', severity: 'warning', text: `${fn.runtime} is below LMI's minimum (${support.minimum}${support.family === 'provided' ? '' : '+'}): upgrade the runtime before moving.` });
    } else if (support.supported === true) {
      out.push({ kind: 'runtime-version', severity: 'check', text: `${fn.runtime} meets LMI's minimum runtime version (${support.minimum}${support.family === 'provided' ? '' : '+'}).` });
    } else {
      out.push({ kind: 'runtime-version', severity: 'check', text: `LMI supports Node.js 22+, Python 3.13+, Java 21+, .NET 8+ and provided.al2023; check that ${fn.runtime} is one of them.` });
    }
  }

  out.push(concurrencyRisk(lmi.settings.maxConcurrency, safety));

  const instanceArch = instancePrice(prices, lmi.instanceType).architecture;
  if (instanceArch !== fn.architecture) {
    out.push({ kind: 'architecture', severity: 'warning', text: `${lmi.instanceType} is ${instanceArch} but the function is built for ${fn.architecture}: its code and layers must run on ${instanceArch}.` });
  }
  return out;
}

function concurrencyRisk(maxConcurrency: number, safety: SafetyLookup): Risk {
  const why =
    `On LMI one execution environment serves up to ${maxConcurrency} invocations at once (Node.js: requests on a worker thread share module state; ` +
    'Python: one process per request, all sharing /tmp), so state kept between requests can leak from one to another.';
  switch (safety.state) {
    case 'found': {
      const { check } = safety;
      const line = safetyCheckLine(check);
      const cited = `${line[0]?.toUpperCase() ?? ''}${line.slice(1)} (${check.path}).`;
      if (check.errors > 0) return { kind: 'concurrent-invocations', severity: 'warning', text: `${why} ${cited} Fix the errors before moving.` };
      if (check.warnings > 0) return { kind: 'concurrent-invocations', severity: 'check', text: `${why} ${cited} Review the warnings.` };
      return { kind: 'concurrent-invocations', severity: 'check', text: `${why} ${cited}` };
    }
    case 'missing':
      return { kind: 'concurrent-invocations', severity: 'check', text: `${why} ${safety.workload} is not checked with \`lmi-bench safety\` yet (nothing in ${safety.lookedIn}): run ${safety.command}` };
    case 'unknown':
      return { kind: 'concurrent-invocations', severity: 'check', text: `${why} Check your handler with: lmi-bench safety --workload ./your-handler` };
  }
}

function perMonth(rps: number): string {
  return `${formatCount(Math.round(requestsPerMonthAt(rps)))} requests a month`;
}

function verdictSentence(advice: Advice, cpuThreshold: number | null): string {
  const { lambda, lmi, traffic } = advice;
  const lmiCost = `LMI would cost ${formatUsd(lmi.usdPerMonth)} a month (${formatCount(lmi.instances)} × ${lmi.instanceType} at the busiest minute) against ${formatUsd(lambda.usdPerMonth)} on standard Lambda`;
  const even =
    advice.breakEvenRequestsPerSecond === null
      ? ' LMI is not cheaper at any sustained rate up to 100,000 req/s.'
      : advice.breakEvenRequestsPerSecond === 0
        ? ' LMI is cheaper at every sustained rate.'
        : advice.breakEvenRange
          ? ` ${verdictText(breakEvenRangeParts(advice.breakEvenRange))}; your traffic averages ${formatRps(traffic.meanRps)} req/s.`
          : ` LMI is cheaper above ${formatRps(advice.breakEvenRequestsPerSecond)} req/s (${perMonth(advice.breakEvenRequestsPerSecond)}); your traffic averages ${formatRps(traffic.meanRps)} req/s.`;
  const share = advice.savingShare === null ? '' : ` (${formatPct(Math.abs(advice.savingShare))})`;
  switch (advice.decision) {
    case 'no-traffic':
      return `No traffic: standard Lambda costs nothing while idle; LMI would cost ${formatUsd(advice.lmi.floor.usdPerMonth)} a month for its 3-instance floor. Stay on standard Lambda.`;
    case 'lmi':
      return `Move to LMI: it saves ${formatUsd(advice.savingUsdPerMonth)} a month${share}. ${lmiCost}.${even}`;
    case 'lambda':
      return `Stay on standard Lambda: ${lmiCost}, ${formatUsd(-advice.savingUsdPerMonth)} a month more${advice.savingShare === null ? '' : ` (+${formatPct(Math.abs(advice.savingShare))})`}.${even}`;
    case 'equal':
      return `Either: both cost ${formatUsd(lambda.usdPerMonth)} a month at this traffic.${even}`;
    case 'depends-on-cpu': {
      const rows = advice.sensitivity ?? [];
      const waiting = rows[0];
      const busy = rows.at(-1);
      return (
        `It depends on CPU time per request: LMI saves money if the handler spends less than about ${formatMs(cpuThreshold ?? 0)} ms of each request on CPU` +
        (waiting && busy ? ` (all-waiting: saves ${formatUsd(waiting.savingUsdPerMonth)} a month; all-CPU: costs ${formatUsd(-busy.savingUsdPerMonth)} more).` : '.') +
        ` Standard Lambda costs ${formatUsd(lambda.usdPerMonth)} a month.`
      );
    }
  }
}

function settleSentence(advice: Advice, cpuThreshold: number | null): string | null {
  if (advice.decision === 'no-traffic') return null;
  const measure = 'standard Lambda does not publish CPU time: read cpu_total_time from Lambda Insights, or bench your handler (lmi-bench bench --workload ./your-handler), then pass --cpu-ms';
  if (advice.decision === 'depends-on-cpu') return `CPU time per request settles it (the threshold is about ${formatMs(cpuThreshold ?? 0)} ms): ${measure}.`;
  if (advice.lmi.cpuMsAssumed) return `The verdict holds from all-waiting to all-CPU; CPU time per request only changes the size of the difference (${measure}).`;
  return null;
}

function assumptions(fn: AdviseFunction, settings: LmiSettings, options: AdviseOptions, cpuMsAssumed: boolean, upperCpuMs: number, candidates: string[]): string[] {
  const out = [
    `A month is ${hoursPerMonth} hours; the traffic profile repeats to fill it, and LMI capacity follows it minute by minute with the service's scaling lag.`,
    `Lambda bills the mean duration (${formatMs(fn.meanDurationMs)} ms) rounded up to 1 ms at ${fn.memoryMb} MB, ${fn.architecture}, free tier ${options.freeTier ? 'applied' : 'not applied'}` +
      `${options.lambdaDiscount > 0 ? `, ${formatPct(options.lambdaDiscount)} Compute Savings Plans discount on duration` : ''}.`,
    `LMI runs the function at ${settings.memoryMb} MB${fn.memoryMb < settings.memoryMb ? ` (its smallest size is 2,048 MB; the function has ${fn.memoryMb} MB)` : ''}, ` +
      `${settings.gibPerVcpu} GiB per vCPU, up to ${settings.maxConcurrency} concurrent invocations per environment, at least ${settings.minEnvironments} environments.`,
    'An LMI request is assumed to take as long as on standard Lambda (conservative: LMI gives at least as much CPU).',
    `LMI's commitment discount (${formatPct(options.lmiDiscount)}) applies to the EC2 part only; the 15% management fee is on the on-demand price.`,
    ...sizingAssumptions({
      cpuSecondsPerRequest: fn.cpuMsPerRequest === null ? null : fn.cpuMsPerRequest / 1000,
      minEnvironments: settings.minEnvironments,
      functionsPerProvider: options.functionsPerProvider,
      candidateTypes: candidates,
    }),
  ];
  if (cpuMsAssumed) {
    out.push(
      `CPU time per request was not given: the headline assumes all of it is CPU (${formatMs(upperCpuMs)} ms: the duration at the ${formatPct(lambdaVcpuShare(fn.memoryMb))} of a vCPU Lambda gives ${fn.memoryMb} MB), the most LMI could need.`,
    );
  }
  return out;
}
