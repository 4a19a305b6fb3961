/**
 * Where standard Lambda and LMI cost the same per hour. LMI's cost is a step function of the
 * rate (whole instances), so the cheaper mode can switch more than once: every rate where it
 * switches is found by scanning a log-spaced range and bisecting each sign change. At an LMI
 * step the costs jump past each other rather than meet; that rate is reported as a crossover
 * too, since it is where the cheaper mode changes.
 */
import type { PriceBook } from '../pricing/price-book.ts';
import { UsageError } from '../errors.ts';
import { logSpace } from '../system/numbers.ts';
import { lambdaUsdPerHourAt, lmiUsdPerHourAt, type CostScenario } from './scenario.ts';

export interface RateRange {
  minRps: number;
  maxRps: number;
  /** Scan resolution; changes narrower than one grid step can be missed. */
  pointsPerDecade: number;
}

export const defaultRateRange: RateRange = { minRps: 0.01, maxRps: 100_000, pointsPerDecade: 200 };

export interface CurvePoint {
  requestsPerSecond: number;
  lambdaUsdPerHour: number;
  lmiUsdPerHour: number;
  lmiInstances: number;
  /** The instance type the sizing model chose at this rate. */
  lmiInstanceType: string;
  lmiEnvironments: number;
}

export interface CrossoverAnalysis {
  /** Ascending rates where the cheaper mode switches. */
  requestsPerSecond: number[];
  curve: CurvePoint[];
}

/** Rates in the range where `difference` changes sign, each refined by bisection in log space. */
export function findSignChanges(difference: (rps: number) => number, range: RateRange): number[] {
  if (!(range.minRps > 0) || !(range.maxRps > range.minRps)) throw new UsageError(`rate range must satisfy 0 < min < max, got ${range.minRps}..${range.maxRps}`);
  const decades = Math.log10(range.maxRps / range.minRps);
  const grid = logSpace(range.minRps, range.maxRps, Math.max(2, Math.ceil(decades * range.pointsPerDecade) + 1));
  const found: number[] = [];
  let previousRate = grid[0] ?? range.minRps;
  let previousSign = Math.sign(difference(previousRate));
  if (previousSign === 0) found.push(previousRate);
  for (const rate of grid.slice(1)) {
    const sign = Math.sign(difference(rate));
    if (sign === 0) found.push(rate);
    else if (previousSign !== 0 && sign !== previousSign) found.push(bisect(difference, previousRate, rate, previousSign));
    previousRate = rate;
    previousSign = sign;
  }
  return found;
}

function bisect(difference: (rps: number) => number, low: number, high: number, lowSign: number): number {
  for (let i = 0; i < 60 && high / low > 1 + 1e-9; i++) {
    const middle = Math.sqrt(low * high);
    const sign = Math.sign(difference(middle));
    if (sign === 0) return middle;
    if (sign === lowSign) low = middle;
    else high = middle;
  }
  return Math.sqrt(low * high);
}

export function crossover(scenario: CostScenario, prices: PriceBook, range: RateRange = defaultRateRange, curvePoints = 121): CrossoverAnalysis {
  const difference = (rps: number): number => lambdaUsdPerHourAt(scenario.lambda, prices, rps) - lmiUsdPerHourAt(scenario.lmi, prices, rps).usdPerHour;
  const requestsPerSecond = findSignChanges(difference, range);
  // The curve includes the crossover rates themselves so a chart shows where the lines meet.
  const rates = [...logSpace(range.minRps, range.maxRps, curvePoints), ...requestsPerSecond].sort((a, b) => a - b);
  const curve = rates.map((rps) => {
    const lmi = lmiUsdPerHourAt(scenario.lmi, prices, rps);
    return {
      requestsPerSecond: rps,
      lambdaUsdPerHour: lambdaUsdPerHourAt(scenario.lambda, prices, rps),
      lmiUsdPerHour: lmi.usdPerHour,
      lmiInstances: lmi.sizing.instances,
      lmiInstanceType: lmi.sizing.instanceType,
      lmiEnvironments: lmi.sizing.environments,
    };
  });
  return { requestsPerSecond, curve };
}

/** The LMI discounts of the report's sensitivity table: none, two common commitments, AWS's example. */
export const sensitivityDiscounts = [0, 0.3, 0.5, 0.72] as const;

export interface DiscountSensitivity {
  lmiDiscount: number;
  /** Crossover rates at that discount (the scenario's Lambda discount unchanged). */
  requestsPerSecond: number[];
}

/** The crossover again at each LMI discount, everything else as in the scenario. */
export function discountSensitivity(scenario: CostScenario, prices: PriceBook, range: RateRange = defaultRateRange, discounts: readonly number[] = sensitivityDiscounts): DiscountSensitivity[] {
  return discounts.map((lmiDiscount) => {
    const varied: CostScenario = { ...scenario, lmi: { ...scenario.lmi, discount: lmiDiscount } };
    const difference = (rps: number): number => lambdaUsdPerHourAt(varied.lambda, prices, rps) - lmiUsdPerHourAt(varied.lmi, prices, rps).usdPerHour;
    return { lmiDiscount, requestsPerSecond: findSignChanges(difference, range) };
  });
}
