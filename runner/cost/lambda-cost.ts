/**
 * Standard Lambda cost of one month's volume: requests + GB-seconds (monthly volume tiers by
 * architecture) + ephemeral storage above the free 512 MB. Pure: prices come from the PriceBook.
 */
import { UsageError } from '../errors.ts';
import type { PriceBook, PriceTier } from '../pricing/price-book.ts';
import { requireNonNegative, requirePositive } from '../system/numbers.ts';
import type { Architecture } from '../domain.ts';
import { sum } from '../system/sum.ts';

export interface LambdaCostInput {
  /** Requests in the month. */
  requests: number;
  /** Mean duration per request; billed per 1 ms, rounded up. */
  billedDurationMs: number;
  memoryMb: number;
  architecture: Architecture;
  /** Configured ephemeral storage (/tmp); the first 512 MB are free. */
  ephemeralMb?: number;
  /** Subtract the monthly free tier (off by default: a benchmark compares marginal cost). */
  freeTier?: boolean;
  /**
   * Compute Savings Plans discount on the duration (GB-second) charge, 0–0.17. Requests and
   * ephemeral storage are not discounted.
   */
  durationDiscount?: number;
}

/** The most a Compute Savings Plan takes off Lambda duration (docs/lmi-facts.md: up to 17%). */
export const maxLambdaDurationDiscount = 0.17;

export interface TierCharge {
  /** Upper bound of the tier in monthly GB-seconds; null for the open last tier. */
  upToGbSeconds: number | null;
  usdPerGbSecond: number;
  /** Billable GB-seconds that fell in this tier. */
  gbSeconds: number;
  usd: number;
}

export interface LambdaCostBreakdown {
  requestsUsd: number;
  /** Duration charge after the Savings Plans discount. */
  computeUsd: number;
  /** Duration charge at on-demand rates (before the discount). */
  computeOnDemandUsd: number;
  durationDiscount: number;
  storageUsd: number;
  totalUsd: number;
  requests: number;
  billableRequests: number;
  /** Per-request duration after rounding up to the next 1 ms. */
  billedDurationMs: number;
  memoryGb: number;
  gbSeconds: number;
  billableGbSeconds: number;
  tiers: TierCharge[];
  ephemeralGbSeconds: number;
  architecture: Architecture;
}

const freeEphemeralMb = 512;
const mbPerGb = 1024;

export function lambdaCost(input: LambdaCostInput, prices: PriceBook): LambdaCostBreakdown {
  requireNonNegative('requests', input.requests);
  requireNonNegative('billed duration (ms)', input.billedDurationMs);
  requirePositive('memory (MB)', input.memoryMb);
  const ephemeralMb = input.ephemeralMb ?? freeEphemeralMb;
  requireNonNegative('ephemeral storage (MB)', ephemeralMb);
  const lambdaPrices = prices.lambda[input.architecture];

  const billedDurationMs = Math.ceil(input.billedDurationMs);
  const billedSeconds = input.requests * (billedDurationMs / 1000);
  const memoryGb = input.memoryMb / mbPerGb;
  const gbSeconds = billedSeconds * memoryGb;

  const freeGbSeconds = input.freeTier ? prices.freeTier.gbSeconds : 0;
  const freeRequests = input.freeTier ? prices.freeTier.requests : 0;
  const tiers = chargeTiers(lambdaPrices.gbSecondTiers, freeGbSeconds, gbSeconds);
  const durationDiscount = input.durationDiscount ?? 0;
  if (!Number.isFinite(durationDiscount) || durationDiscount < 0 || durationDiscount > maxLambdaDurationDiscount) {
    throw new UsageError(`Lambda duration discount must be from 0 to ${maxLambdaDurationDiscount} (Compute Savings Plans), got ${durationDiscount}`);
  }
  const computeOnDemandUsd = sum(tiers.map((t) => t.usd));
  const computeUsd = computeOnDemandUsd * (1 - durationDiscount);

  const billableRequests = Math.max(0, input.requests - freeRequests);
  const requestsUsd = (billableRequests / 1e6) * lambdaPrices.requestUsdPerMillion;

  const ephemeralGbSeconds = billedSeconds * (Math.max(0, ephemeralMb - freeEphemeralMb) / mbPerGb);
  const storageUsd = ephemeralGbSeconds * prices.ephemeralStorageUsdPerGbSecond;

  return {
    requestsUsd,
    computeUsd,
    computeOnDemandUsd,
    durationDiscount,
    storageUsd,
    totalUsd: requestsUsd + computeUsd + storageUsd,
    requests: input.requests,
    billableRequests,
    billedDurationMs,
    memoryGb,
    gbSeconds,
    billableGbSeconds: Math.max(0, gbSeconds - freeGbSeconds),
    tiers,
    ephemeralGbSeconds,
    architecture: input.architecture,
  };
}

/**
 * Tiers are bounds on the month's total usage, so the free tier takes the first GB-seconds
 * (billed usage starts at `freeGbSeconds`) and a volume crossing a bound is split across tiers.
 */
export function chargeTiers(tiers: PriceTier[], freeGbSeconds: number, totalGbSeconds: number): TierCharge[] {
  const charges: TierCharge[] = [];
  let lower = 0;
  for (const tier of tiers) {
    const upper = tier.upToGbSeconds ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(upper, totalGbSeconds) - Math.max(lower, freeGbSeconds));
    charges.push({ upToGbSeconds: tier.upToGbSeconds, usdPerGbSecond: tier.usdPerGbSecond, gbSeconds: inTier, usd: inTier * tier.usdPerGbSecond });
    lower = upper;
  }
  return charges;
}

