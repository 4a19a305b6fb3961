import type { Architecture, PriceProvenance } from '../domain.ts';
/**
 * Prices as data: everything the cost model needs for one region, with where each price came
 * from. Built by a price source (Price List API, disk cache or the committed snapshot); the
 * cost model never holds a price literal.
 */

export interface PriceTier {
  /** Upper bound of the tier in GB-seconds per month; null for the last, open tier. */
  upToGbSeconds: number | null;
  usdPerGbSecond: number;
}

export interface LambdaPrices {
  /** Monthly volume tiers, ascending. */
  gbSecondTiers: PriceTier[];
  requestUsdPerMillion: number;
}

export interface InstancePrice {
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  architecture: Architecture;
  onDemandUsdPerHour: number;
  /** LMI management fee per instance-hour. */
  managementFeeUsdPerHour: number;
  /** 'price-list' when the fee was in the price list; 'derived' when computed as 15% of on-demand. */
  managementFeeSource: 'price-list' | 'derived';
}

export interface PriceBook {
  region: string;
  provenance: PriceProvenance;
  lambda: Record<Architecture, LambdaPrices>;
  /** LMI request price (same $0.20/M as Lambda in the published examples, kept separate). */
  lmiRequestUsdPerMillion: number;
  ephemeralStorageUsdPerGbSecond: number;
  freeTier: { requests: number; gbSeconds: number };
  instances: Record<string, InstancePrice>;
}
