/**
 * What `bench --plan-only` adds to the plan and its wall time: for --target aws, the spend
 * guard's estimate priced from the committed snapshot (so printing a plan never needs
 * credentials), and a warning when the run would take more than an hour.
 */
import type { BenchPlan } from '../plan/plan.ts';
import { formatDurationSec } from '../../reports/format.ts';

export interface AwsSpendPreview {
  totalUsd: number;
  capUsd: number;
  pricesAsOf: string;
  /** The guard's own lines: the same text a run prints before deploying. */
  text: string;
}

/** Past this the user is told before starting: a run this long is rarely what was meant. */
export const longRunMs = 3_600_000;

export async function previewAwsSpend(plan: BenchPlan): Promise<AwsSpendPreview | null> {
  if (plan.target !== 'aws') return null;
  // Loaded only for aws: the spend guard pulls in the cost model and the price book.
  const { adjustPlanForAws } = await import('../target/aws/plan-check.ts');
  const { estimateRunCost, formatEstimate } = await import('../target/aws/spend-guard.ts');
  const { defaultBenchMaxSpendUsd } = await import('../target/aws/spend-defaults.ts');
  const { loadPriceBook } = await import('../pricing/load-price-book.ts');
  const prices = await loadPriceBook({ region: plan.region, offline: true, credentials: null });
  const estimate = estimateRunCost(adjustPlanForAws(plan).plan, prices);
  const capUsd = plan.aws?.maxSpendUsd ?? defaultBenchMaxSpendUsd;
  return { totalUsd: estimate.totalUsd, capUsd, pricesAsOf: estimate.pricesAsOf, text: formatEstimate(estimate, capUsd) };
}

/** Warnings worth reading before a run starts: longer than an hour, or above the spend cap. */
export function planWarnings(wallTimeMs: number, spend: AwsSpendPreview | null): string[] {
  const warnings: string[] = [];
  if (wallTimeMs > longRunMs) {
    warnings.push(`this run takes about ${formatDurationSec(wallTimeMs / 1000)}: fewer levels, a shorter --duration or fewer --trials shorten it`);
  }
  if (spend && spend.totalUsd > spend.capUsd) {
    warnings.push(`the estimated AWS cost $${spend.totalUsd.toFixed(2)} is above the $${spend.capUsd.toFixed(2)} cap: the run would be refused (--max-spend raises the cap)`);
  }
  return warnings;
}
