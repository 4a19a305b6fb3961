/**
 * The instance types the sizing model chooses from, priced: each candidate's LMI hourly rate is
 * EC2 after the commitment discount (--lmi-discount) plus the management fee on the on-demand
 * price, which no discount touches. Types the price book has no price for are left out.
 */
import { UsageError } from '../errors.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { candidateInstanceTypes } from '../pricing/instance-types.ts';
import { hourlyRate } from './lmi-cost.ts';
import { instancePrice } from '../pricing/lookup.ts';
import type { InstanceCandidate } from '../capacity/lmi-sizing.ts';
import type { Architecture } from '../domain.ts';

export interface CandidateChoice {
  architecture: Architecture;
  /** --instance-type: one type, no choice. */
  instanceType?: string;
  /** --instance-types: the choice is narrowed to these. */
  instanceTypes?: readonly string[];
}

/** The candidate type names: the pinned one, or the architecture's set (narrowed) that has prices. */
export function candidateTypeNames(prices: PriceBook, choice: CandidateChoice): string[] {
  if (choice.instanceType !== undefined) {
    instancePrice(prices, choice.instanceType);
    return [choice.instanceType];
  }
  const names = candidateInstanceTypes(choice.architecture, choice.instanceTypes).filter((name) => Object.hasOwn(prices.instances, name));
  if (names.length === 0) {
    throw new UsageError(`no ${choice.architecture} instance type${choice.instanceTypes ? ` among ${choice.instanceTypes.join(', ')}` : ''} has a price in ${prices.region}`);
  }
  return names;
}

/** Candidates priced at their LMI hourly rate (EC2 × (1 − discount), rounded like AWS's example when asked, + fee). */
export function pricedCandidates(prices: PriceBook, names: readonly string[], lmiDiscount: number, rateDecimals?: number): InstanceCandidate[] {
  return names.map((name) => {
    const price = instancePrice(prices, name);
    return {
      instanceType: name,
      vcpus: price.vcpus,
      memoryGiB: price.memoryGiB,
      usdPerHour: hourlyRate(price.onDemandUsdPerHour, lmiDiscount, rateDecimals) + price.managementFeeUsdPerHour,
    };
  });
}
