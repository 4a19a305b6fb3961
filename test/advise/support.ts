/** Shared by the advise tests: the snapshot price book and a what-if function. */
import type { AdviseFunction, AdviseOptions } from '../../runner/advise/model.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import type { PriceBook } from '../../runner/pricing/price-book.ts';

export function snapshotPrices(region = 'us-east-1'): Promise<PriceBook> {
  return loadPriceBook({ region, offline: true, credentials: null });
}

export function whatIf(fields: Partial<AdviseFunction> = {}): AdviseFunction {
  return { name: null, memoryMb: 1024, architecture: 'arm64', runtime: null, timeoutSec: null, meanDurationMs: 120, p99DurationMs: null, cpuMsPerRequest: 10, lmi: null, ...fields };
}

export function options(fields: Partial<AdviseOptions> = {}): AdviseOptions {
  return { region: 'us-east-1', instanceType: 'm7g.xlarge', lmiDiscount: 0, lambdaDiscount: 0, functionsPerProvider: 1, freeTier: false, ...fields };
}

/** A month's requests as a constant per-second rate (730-hour month). */
export function rpsForMonth(requestsPerMonth: number): number {
  return requestsPerMonth / (730 * 3600);
}
