/** The price book a cost command uses: live or cached when AWS credentials exist, else the snapshot. */
import { loadPriceBook } from '../pricing/load-price-book.ts';
import type { PriceBook } from '../pricing/price-book.ts';

export async function pricesFor(region: string, offline: boolean): Promise<PriceBook> {
  // The credential providers are heavy to load; an offline command never needs them.
  const credentials = offline ? null : await (await import('../system/aws-credentials.ts')).findAwsCredentials(process.env);
  return loadPriceBook({ region, offline, credentials });
}
