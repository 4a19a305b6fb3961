/**
 * A PriceBook built from the us-east-1 numbers of docs/lmi-facts.md (AWS pricing page), so the pure
 * model is tested against published figures independently of the committed snapshot.
 */
import type { InstancePrice, PriceBook } from '../../../runner/pricing/price-book.ts';

function instance(instanceType: string, vcpus: number, memoryGiB: number, architecture: 'x86_64' | 'arm64', onDemandUsdPerHour: number): InstancePrice {
  return { instanceType, vcpus, memoryGiB, architecture, onDemandUsdPerHour, managementFeeUsdPerHour: onDemandUsdPerHour * 0.15, managementFeeSource: 'derived' };
}

export function factsPriceBook(): PriceBook {
  return {
    region: 'us-east-1',
    provenance: { source: 'snapshot', asOf: '2026-01-01', region: 'us-east-1' },
    lambda: {
      x86_64: {
        requestUsdPerMillion: 0.2,
        gbSecondTiers: [
          { upToGbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
          { upToGbSeconds: 15e9, usdPerGbSecond: 0.000015 },
          { upToGbSeconds: null, usdPerGbSecond: 0.0000133334 },
        ],
      },
      arm64: {
        requestUsdPerMillion: 0.2,
        gbSecondTiers: [
          { upToGbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
          { upToGbSeconds: 18.75e9, usdPerGbSecond: 0.0000120001 },
          { upToGbSeconds: null, usdPerGbSecond: 0.0000106667 },
        ],
      },
    },
    lmiRequestUsdPerMillion: 0.2,
    ephemeralStorageUsdPerGbSecond: 0.0000000309,
    freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
    instances: {
      'm7g.xlarge': instance('m7g.xlarge', 4, 16, 'arm64', 0.1632),
      'm7g.2xlarge': instance('m7g.2xlarge', 8, 32, 'arm64', 0.3264),
      'c7g.xlarge': instance('c7g.xlarge', 4, 8, 'arm64', 0.145),
    },
  };
}

/** Round to whole cents, as a bill shows them. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}
