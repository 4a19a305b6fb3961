/**
 * The break-even as a range, for when AWS chooses the instance type (Auto mode, no type pinned).
 * The model's own choice, the cheapest fleet among the allowed types, gives the low end; the
 * types deployments have reported Lambda choosing give the high end, since nothing says Lambda
 * picks the cheapest. With one type pinned there is no choice and no range. Pure.
 */
import type { Architecture } from '../domain.ts';
import { UsageError } from '../errors.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { defaultRateRange, findSignChanges, type RateRange } from './crossover.ts';
import { lambdaUsdPerHourAt, lmiUsdPerHourAt, type CostScenario } from './scenario.ts';

/**
 * Instance types Lambda has been reported choosing when left to choose (docs/lmi-facts.md,
 * "Instance types Lambda picks"). m9g.xlarge has no price in the snapshot, so m8g.xlarge (the
 * same family and size, one generation older) stands in beside it: only priced, allowed types
 * count, and the later break-even of the two is taken where both are priced. Without it the
 * high end fell back to the worst of every allowed type (r8g.4xlarge for a 2 GB function), a
 * type no report has Lambda choosing.
 */
export const reportedInstanceChoices: Record<Architecture, readonly string[]> = {
  x86_64: ['c7a.2xlarge', 'm7a.xlarge', 'm7i.xlarge'],
  arm64: ['m9g.xlarge', 'm8g.xlarge'],
};

/** Where LMI becomes and stays cheaper, at both ends of the instance choice. */
export interface CrossoverRange {
  lowRequestsPerSecond: number;
  /** null when LMI on the high end's type is never cheaper in the rates scanned. */
  highRequestsPerSecond: number | null;
  lowInstanceType: string;
  highInstanceType: string;
}

export interface BreakEven {
  requestsPerSecond: number;
  /** The type the fleet runs just above the break-even. */
  instanceType: string;
}

/**
 * The lowest rate from which LMI stays cheaper up to the top of the range (the last switch of
 * the cheaper mode); null when LMI is not cheaper at the top.
 */
export function breakEven(scenario: CostScenario, prices: PriceBook, range: RateRange = defaultRateRange): BreakEven | null {
  const difference = (rps: number): number => lambdaUsdPerHourAt(scenario.lambda, prices, rps) - lmiUsdPerHourAt(scenario.lmi, prices, rps).usdPerHour;
  if (difference(range.maxRps) <= 0) return null;
  const requestsPerSecond = findSignChanges(difference, range).at(-1) ?? range.minRps;
  const instanceType = lmiUsdPerHourAt(scenario.lmi, prices, Math.min(range.maxRps, requestsPerSecond * 1.001)).sizing.instanceType;
  return { requestsPerSecond, instanceType };
}

/**
 * The range, or null when the type is pinned or LMI is never cheaper on the cheapest fleet.
 * The high end is the latest break-even among the reported types the user allows, each priced
 * as the only type; when none of them is allowed (or priced), among all the allowed types.
 */
export function crossoverRange(scenario: CostScenario, prices: PriceBook, architecture: Architecture, range: RateRange = defaultRateRange): CrossoverRange | null {
  const allowed = scenario.lmi.instanceTypes;
  if (allowed.length <= 1) return null;
  const low = breakEven(scenario, prices, range);
  if (!low) return null;
  const reported = reportedInstanceChoices[architecture].filter((type) => allowed.includes(type));
  let high: { requestsPerSecond: number | null; instanceType: string } | null = null;
  for (const type of reported.length > 0 ? reported : allowed) {
    const even = breakEvenOn(scenario, prices, type, range);
    if (even === undefined) continue;
    const rps = even?.requestsPerSecond ?? null;
    if (high === null || later(rps, high.requestsPerSecond)) high = { requestsPerSecond: rps, instanceType: type };
  }
  if (!high) return null;
  return { lowRequestsPerSecond: low.requestsPerSecond, highRequestsPerSecond: high.requestsPerSecond, lowInstanceType: low.instanceType, highInstanceType: high.instanceType };
}

/** The break-even with one type pinned; undefined when an environment does not fit on it. */
function breakEvenOn(scenario: CostScenario, prices: PriceBook, instanceType: string, range: RateRange): BreakEven | null | undefined {
  try {
    return breakEven({ ...scenario, lmi: { ...scenario.lmi, instanceTypes: [instanceType] } }, prices, range);
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** null (never cheaper) is later than any rate. */
function later(a: number | null, b: number | null): boolean {
  if (b === null) return false;
  return a === null || a > b;
}
