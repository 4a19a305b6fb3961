/**
 * Advice for a fleet: which functions should share an LMI capacity provider, and what that fleet
 * costs against standard Lambda. Pure (prices come in); returns figures and reasons, the
 * renderers (fleet-render.ts) give the sentences.
 *
 * LMI's economics are per capacity provider: the 3-instance floor is paid once per provider
 * whoever runs on it, so several functions that each lose on LMI alone can win together.
 *
 *   provider instances = max(3, ⌈Σ environments_f ÷ environments per instance_f⌉)   per type
 *   provider cost      = instances × the type's LMI hourly rate × hours a month + LMI requests
 *
 * on the cheapest candidate type the environments of every member fit on. A provider holds one
 * architecture, and only functions with the same memory/vCPU ratio (ExecutionEnvironmentMemory-
 * GiBPerVCpu), so that the environments packed together are alike. In each such class one
 * provider is proposed (two providers would pay two floors): it starts with every eligible
 * function and drops, one at a time, the function whose own cost on the provider (the provider
 * with it minus without it) exceeds its cost on standard Lambda by the most; what is left is kept
 * only when the provider costs less than its members on standard Lambda.
 */
import type { Architecture, PriceProvenance } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { candidateTypeNames, pricedCandidates } from '../cost/candidates.ts';
import { lambdaMonthlyUsd } from '../cost/scenario.ts';
import { environmentShape, environmentsForDemand, environmentsPerInstance, sizingDefaults, type InstanceCandidate } from '../capacity/lmi-sizing.ts';
import { resolveScalingTarget } from '../capacity/scaling-target.ts';
import { hoursPerMonth, requestsPerSecondFor } from '../system/numbers.ts';
import { allCpuMs, lmiSettingsFor, type AdviseOptions } from './model.ts';
import { runtimeSupport } from './runtime-support.ts';
import type { LmiSettings } from './sizing.ts';

/** One function of the fleet, as a what-if row or read from a deployed function. */
export interface FleetFunction {
  name: string;
  requestsPerMonth: number;
  meanDurationMs: number;
  memoryMb: number;
  architecture: Architecture;
  /** CPU time per request; null when unknown (then the all-CPU bound: the most LMI could need). */
  cpuMsPerRequest: number | null;
  runtime: string | null;
  /** ExecutionEnvironmentMemoryGiBPerVCpu the function would run with on LMI (default 2). */
  gibPerVcpu: number | null;
}

export type FleetOptions = Pick<AdviseOptions, 'region' | 'instanceType' | 'instanceTypes' | 'lmiDiscount' | 'lambdaDiscount' | 'freeTier' | 'reservation'>;

/** Why a function stays on standard Lambda. */
export type StayReason =
  | { kind: 'no-traffic' }
  | { kind: 'runtime'; runtime: string; minimum: string | null }
  | { kind: 'does-not-fit'; environmentGiB: number; instanceTypes: string[] }
  /** It costs more on LMI alone, and on the provider of its class it would add more than it saves. */
  | { kind: 'costs-more'; aloneLmiUsdPerMonth: number; addedToProviderUsdPerMonth: number | null; partners: number };

export interface FleetMember {
  name: string;
  lambdaUsdPerMonth: number;
  /** Its share of the provider: its instances' part (the unused floor split evenly) plus its requests. */
  shareUsdPerMonth: number;
  /** Instances its environments fill (fractional: they share instances with the others). */
  instancesNeeded: number;
  /** On LMI by itself, with the whole floor. */
  aloneLmiUsdPerMonth: number;
  /** True when it is cheaper on LMI only because it shares the floor. */
  onlyWhenShared: boolean;
  settings: LmiSettings;
  cpuMsAssumed: boolean;
}

export interface ProviderPlan {
  architecture: Architecture;
  gibPerVcpu: number;
  instanceType: string;
  instances: number;
  /** Σ of the members' instances needed, before the floor and the rounding up. */
  instancesNeeded: number;
  floorInstances: number;
  usdPerMonth: number;
  lambdaUsdPerMonth: number;
  members: FleetMember[];
}

export interface StayingFunction {
  name: string;
  lambdaUsdPerMonth: number;
  reason: StayReason;
}

export interface FleetAdvice {
  region: string;
  providers: ProviderPlan[];
  staying: StayingFunction[];
  /** Every function on standard Lambda. */
  lambdaUsdPerMonth: number;
  /** The proposal: the providers plus the functions that stay, on standard Lambda. */
  fleetUsdPerMonth: number;
  savingUsdPerMonth: number;
  /** Names whose CPU time was not given (priced at the all-CPU bound). */
  cpuAssumed: string[];
  prices: PriceProvenance;
}

/** A function as the provider arithmetic sees it. */
interface Sized {
  fn: FleetFunction;
  settings: LmiSettings;
  cpuMsAssumed: boolean;
  lambdaUsdPerMonth: number;
  requestsUsdPerMonth: number;
  environments: number;
  /** Environments per instance by candidate type (0: does not fit). */
  perInstance: Map<string, number>;
}

interface PricedProvider {
  instanceType: string;
  instances: number;
  instancesNeeded: number;
  usdPerMonth: number;
}

const floorInstances = sizingDefaults.minInstances;

function sizeFunction(fn: FleetFunction, options: FleetOptions, prices: PriceBook, candidates: InstanceCandidate[]): Sized {
  const settings = lmiSettingsFor(
    { name: fn.name, memoryMb: fn.memoryMb, architecture: fn.architecture, runtime: fn.runtime, timeoutSec: null, meanDurationMs: fn.meanDurationMs, p99DurationMs: null, cpuMsPerRequest: fn.cpuMsPerRequest, lmi: null },
    { ...options, functionsPerProvider: 1, ...(fn.gibPerVcpu === null ? {} : { gibPerVcpu: fn.gibPerVcpu }) },
  );
  const cpuMs = fn.cpuMsPerRequest ?? allCpuMs(fn.meanDurationMs, fn.memoryMb);
  const rps = requestsPerSecondFor(fn.requestsPerMonth);
  const shape = environmentShape(settings.memoryMb, settings.gibPerVcpu);
  const demand = environmentsForDemand({
    cpuDemandVcpus: rps * (cpuMs / 1000),
    inFlight: rps * (fn.meanDurationMs / 1000),
    vcpusPerEnvironment: shape.vcpus,
    maxConcurrency: settings.maxConcurrency,
    target: resolveScalingTarget(),
    minEnvironments: settings.minEnvironments,
  });
  const lambdaUsdPerMonth = lambdaMonthlyUsd(
    { meanDurationMs: fn.meanDurationMs, memoryMb: fn.memoryMb, architecture: fn.architecture, freeTier: options.freeTier, discount: options.lambdaDiscount },
    prices,
    fn.requestsPerMonth,
  );
  return {
    fn,
    settings,
    cpuMsAssumed: fn.cpuMsPerRequest === null,
    lambdaUsdPerMonth,
    requestsUsdPerMonth: (fn.requestsPerMonth / 1e6) * prices.lmiRequestUsdPerMillion,
    environments: demand.environments,
    perInstance: new Map(candidates.map((c) => [c.instanceType, environmentsPerInstance(c, shape, options.reservation)])),
  };
}

/** The provider of these members on its cheapest type; null when some member fits on no candidate. */
function priceProvider(members: readonly Sized[], candidates: readonly InstanceCandidate[]): PricedProvider | null {
  if (members.length === 0) return { instanceType: '', instances: 0, instancesNeeded: 0, usdPerMonth: 0 };
  const requestsUsd = members.reduce((total, m) => total + m.requestsUsdPerMonth, 0);
  let best: PricedProvider | null = null;
  for (const candidate of candidates) {
    if (members.some((m) => (m.perInstance.get(candidate.instanceType) ?? 0) < 1)) continue;
    const needed = members.reduce((total, m) => total + m.environments / (m.perInstance.get(candidate.instanceType) ?? 1), 0);
    const instances = Math.max(floorInstances, Math.ceil(needed - 1e-9));
    const usdPerMonth = instances * candidate.usdPerHour * hoursPerMonth + requestsUsd;
    if (best === null || usdPerMonth < best.usdPerMonth) best = { instanceType: candidate.instanceType, instances, instancesNeeded: needed, usdPerMonth };
  }
  return best;
}

/** What a member adds to the provider beyond its cost on standard Lambda (> 0: it is better off staying). */
function excessOf(member: Sized, members: readonly Sized[], candidates: readonly InstanceCandidate[]): number {
  const withIt = priceProvider(members, candidates);
  const without = priceProvider(members.filter((m) => m !== member), candidates);
  if (!withIt || !without) return Number.POSITIVE_INFINITY;
  return withIt.usdPerMonth - without.usdPerMonth - member.lambdaUsdPerMonth;
}

/** Drops the worst member while one costs the provider more than it saves on Lambda; empty when no saving is left. */
function chooseMembers(eligible: readonly Sized[], candidates: readonly InstanceCandidate[]): Sized[] {
  let members = [...eligible];
  for (;;) {
    const excesses = members.map((m) => ({ m, excess: excessOf(m, members, candidates) }));
    const worst = excesses.sort((a, b) => b.excess - a.excess || a.m.fn.name.localeCompare(b.m.fn.name))[0];
    if (!worst || worst.excess <= 0.005) break;
    members = members.filter((m) => m !== worst.m);
  }
  const provider = priceProvider(members, candidates);
  const lambda = members.reduce((total, m) => total + m.lambdaUsdPerMonth, 0);
  return provider && provider.usdPerMonth < lambda - 0.005 ? members : [];
}

/** Each member's share: its instances' part of the fleet (an unused floor split evenly), plus its own requests. */
function shares(members: readonly Sized[], provider: PricedProvider, usdPerInstanceMonth: number): FleetMember[] {
  const spare = Math.max(0, provider.instances - provider.instancesNeeded);
  return members.map((m) => {
    const needed = m.environments / (m.perInstance.get(provider.instanceType) ?? 1);
    const instances = needed + spare / members.length;
    return {
      name: m.fn.name,
      lambdaUsdPerMonth: m.lambdaUsdPerMonth,
      shareUsdPerMonth: instances * usdPerInstanceMonth + m.requestsUsdPerMonth,
      instancesNeeded: needed,
      aloneLmiUsdPerMonth: 0,
      onlyWhenShared: false,
      settings: m.settings,
      cpuMsAssumed: m.cpuMsAssumed,
    };
  });
}

function classKey(s: Sized): string {
  return `${s.fn.architecture}|${s.settings.gibPerVcpu}`;
}

function stayReason(s: Sized, candidates: readonly InstanceCandidate[]): StayReason | null {
  if (s.fn.requestsPerMonth === 0) return { kind: 'no-traffic' };
  if (s.fn.runtime !== null) {
    const support = runtimeSupport(s.fn.runtime);
    if (support.supported === false) return { kind: 'runtime', runtime: s.fn.runtime, minimum: support.minimum };
  }
  if (candidates.every((c) => (s.perInstance.get(c.instanceType) ?? 0) < 1)) {
    return { kind: 'does-not-fit', environmentGiB: s.settings.memoryMb / 1024, instanceTypes: candidates.map((c) => c.instanceType) };
  }
  return null;
}

function candidatesFor(architecture: Architecture, options: FleetOptions, prices: PriceBook): InstanceCandidate[] {
  const names = candidateTypeNames(prices, {
    architecture,
    ...(options.instanceType !== undefined ? { instanceType: options.instanceType } : {}),
    ...(options.instanceTypes !== undefined ? { instanceTypes: options.instanceTypes } : {}),
  });
  return pricedCandidates(prices, names, options.lmiDiscount);
}

/** Proposes the capacity providers of a fleet and what stays on standard Lambda. */
export function adviseFleet(functions: readonly FleetFunction[], options: FleetOptions, prices: PriceBook): FleetAdvice {
  const candidatesByArch = new Map<Architecture, InstanceCandidate[]>();
  const candidates = (arch: Architecture): InstanceCandidate[] => {
    const known = candidatesByArch.get(arch) ?? candidatesFor(arch, options, prices);
    candidatesByArch.set(arch, known);
    return known;
  };
  const sized = functions.map((fn) => sizeFunction(fn, options, prices, candidates(fn.architecture)));
  const staying: StayingFunction[] = [];
  const classes = new Map<string, Sized[]>();
  for (const s of sized) {
    const reason = stayReason(s, candidates(s.fn.architecture));
    if (reason) staying.push({ name: s.fn.name, lambdaUsdPerMonth: s.lambdaUsdPerMonth, reason });
    else classes.set(classKey(s), [...(classes.get(classKey(s)) ?? []), s]);
  }
  const providers: ProviderPlan[] = [];
  for (const eligible of classes.values()) {
    const first = eligible[0]!;
    const typeCandidates = candidates(first.fn.architecture);
    const members = chooseMembers(eligible, typeCandidates);
    for (const s of eligible.filter((e) => !members.includes(e))) staying.push({ name: s.fn.name, lambdaUsdPerMonth: s.lambdaUsdPerMonth, reason: costsMore(s, members, typeCandidates) });
    if (members.length > 0) providers.push(providerPlan(members, typeCandidates));
  }
  const lambdaUsdPerMonth = sized.reduce((total, s) => total + s.lambdaUsdPerMonth, 0);
  const fleetUsdPerMonth = providers.reduce((total, p) => total + p.usdPerMonth, 0) + staying.reduce((total, s) => total + s.lambdaUsdPerMonth, 0);
  const order = new Map(functions.map((fn, index) => [fn.name, index]));
  staying.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return {
    region: options.region,
    providers,
    staying,
    lambdaUsdPerMonth,
    fleetUsdPerMonth,
    savingUsdPerMonth: lambdaUsdPerMonth - fleetUsdPerMonth,
    cpuAssumed: sized.filter((s) => s.cpuMsAssumed).map((s) => s.fn.name),
    prices: { ...prices.provenance },
  };
}

function costsMore(s: Sized, members: readonly Sized[], candidates: readonly InstanceCandidate[]): StayReason {
  const alone = priceProvider([s], candidates);
  const added = members.length > 0 ? excessOf(s, [...members, s], candidates) + s.lambdaUsdPerMonth : null;
  return { kind: 'costs-more', aloneLmiUsdPerMonth: alone?.usdPerMonth ?? Number.POSITIVE_INFINITY, addedToProviderUsdPerMonth: added, partners: members.length };
}

function providerPlan(members: readonly Sized[], candidates: readonly InstanceCandidate[]): ProviderPlan {
  const provider = priceProvider(members, candidates)!;
  const candidate = candidates.find((c) => c.instanceType === provider.instanceType)!;
  const rows = shares(members, provider, candidate.usdPerHour * hoursPerMonth).map((row, index) => {
    const alone = priceProvider([members[index]!], candidates)?.usdPerMonth ?? Number.POSITIVE_INFINITY;
    return { ...row, aloneLmiUsdPerMonth: alone, onlyWhenShared: alone >= row.lambdaUsdPerMonth };
  });
  const first = members[0]!;
  return {
    architecture: first.fn.architecture,
    gibPerVcpu: first.settings.gibPerVcpu,
    instanceType: provider.instanceType,
    instances: provider.instances,
    instancesNeeded: provider.instancesNeeded,
    floorInstances,
    usdPerMonth: provider.usdPerMonth,
    lambdaUsdPerMonth: members.reduce((total, m) => total + m.lambdaUsdPerMonth, 0),
    members: rows,
  };
}
