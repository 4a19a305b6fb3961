/**
 * The checks an AWS run passes before anything is deployed: the plan adjusted to whole
 * CloudWatch periods, then the spend estimate against the cap, printed either way.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { BenchPlan } from '../../plan/plan.ts';
import { loadPriceBook } from '../../pricing/load-price-book.ts';
import { defaultBenchMaxSpendUsd } from './spend-defaults.ts';
import { adjustPlanForAws } from './plan-check.ts';
import { enforceSpendCap, estimateRunCost, formatEstimate, type SpendEstimate } from './spend-guard.ts';
import type { Variant } from '../../domain.ts';

export interface GuardOptions {
  credentials: AwsCredentialIdentity | null;
  variants?: Variant[];
  log: (text: string) => void;
}

/** Prints the estimate; throws a UsageError (exit 2) above the cap. */
export async function guardAwsSpend(plan: BenchPlan, options: GuardOptions): Promise<SpendEstimate> {
  const { plan: adjusted, notes } = adjustPlanForAws(plan);
  for (const note of notes) options.log(`lmi-bench: ${note}`);
  const prices = await loadPriceBook({ region: plan.region, offline: plan.pricing.offline, credentials: options.credentials });
  const estimate = estimateRunCost(adjusted, prices, options.variants ? { variants: options.variants } : {});
  const capUsd = plan.aws?.maxSpendUsd ?? defaultBenchMaxSpendUsd;
  options.log(formatEstimate(estimate, capUsd));
  enforceSpendCap(estimate, capUsd);
  return estimate;
}
