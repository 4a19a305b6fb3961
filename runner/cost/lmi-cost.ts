/**
 * LMI cost: requests + EC2 instance-hours (commitment discount on this part only) + the
 * management fee, which is charged on the ON-DEMAND price and never discounted. No duration
 * charge. Pure: prices come from the PriceBook.
 */
import { UsageError } from '../errors.ts';
import type { InstancePrice, PriceBook } from '../pricing/price-book.ts';
import { instancePrice } from '../pricing/lookup.ts';
import { requireInteger, requireNonNegative } from '../system/numbers.ts';

export interface LmiCostInput {
  instanceType: string;
  /** Instances running (each for `hours`). */
  instances: number;
  hours: number;
  requests: number;
  /** Commitment discount (Savings Plan / RI) on the EC2 part, 0–0.72. */
  discount?: number;
  /** Round the discounted hourly rate to N decimals, as AWS's worked example does. */
  rateDecimals?: number;
  /**
   * Billing granularity of instance time in seconds (each instance's time is rounded up to a
   * multiple). Unverified for LMI: EC2 Linux bills per second, AWS's examples use hours.
   */
  billingGranularitySec?: number;
}

export interface LmiCostBreakdown {
  requestsUsd: number;
  ec2Usd: number;
  managementFeeUsd: number;
  totalUsd: number;
  instanceType: string;
  instanceHours: number;
  onDemandUsdPerHour: number;
  /** On-demand × (1 − discount), rounded when rateDecimals was given. */
  ec2UsdPerHour: number;
  managementFeeUsdPerHour: number;
  managementFeeSource: InstancePrice['managementFeeSource'];
  discount: number;
  requests: number;
}

export const defaultBillingGranularitySec = 1;

/** The deepest EC2 commitment discount AWS's LMI example uses (3-year Compute Savings Plan). */
export const maxLmiDiscount = 0.72;

export function lmiCost(input: LmiCostInput, prices: PriceBook): LmiCostBreakdown {
  const instance = instancePrice(prices, input.instanceType);
  requireNonNegative('instances', input.instances);
  requireNonNegative('hours', input.hours);
  requireNonNegative('requests', input.requests);
  const discount = input.discount ?? 0;
  if (!Number.isFinite(discount) || discount < 0 || discount > maxLmiDiscount) {
    throw new UsageError(`LMI discount must be from 0 to ${maxLmiDiscount} (EC2 part only; the management fee is never discounted), got ${discount}`);
  }
  const granularitySec = input.billingGranularitySec ?? defaultBillingGranularitySec;
  if (!Number.isFinite(granularitySec) || granularitySec <= 0) throw new UsageError(`billing granularity must be > 0 seconds, got ${granularitySec}`);

  const ec2UsdPerHour = hourlyRate(instance.onDemandUsdPerHour, discount, input.rateDecimals);
  // Small epsilon: 2,000 h expressed in seconds must not round up to 2,000 h + 1 s from float noise.
  const billedSecondsPerInstance = Math.ceil((input.hours * 3600) / granularitySec - 1e-9) * granularitySec;
  const instanceHours = input.instances * (billedSecondsPerInstance / 3600);

  const ec2Usd = instanceHours * ec2UsdPerHour;
  const managementFeeUsd = instanceHours * instance.managementFeeUsdPerHour;
  const requestsUsd = (input.requests / 1e6) * prices.lmiRequestUsdPerMillion;
  return {
    requestsUsd,
    ec2Usd,
    managementFeeUsd,
    totalUsd: requestsUsd + ec2Usd + managementFeeUsd,
    instanceType: instance.instanceType,
    instanceHours,
    onDemandUsdPerHour: instance.onDemandUsdPerHour,
    ec2UsdPerHour,
    managementFeeUsdPerHour: instance.managementFeeUsdPerHour,
    managementFeeSource: instance.managementFeeSource,
    discount,
    requests: input.requests,
  };
}

/** The EC2 rate after the commitment discount, optionally rounded like AWS's example ($0.0457). */
export function hourlyRate(onDemandUsdPerHour: number, discount: number, rateDecimals?: number): number {
  const rate = onDemandUsdPerHour * (1 - discount);
  if (rateDecimals === undefined) return rate;
  requireInteger('rate decimals', rateDecimals, 0);
  const scale = 10 ** rateDecimals;
  // Round half up on the decimal value, not on its binary approximation (0.045696 → 0.0457).
  return Math.round(Number((rate * scale).toPrecision(12))) / scale;
}

