/** The price book a cost command uses: live or cached when AWS credentials exist, else the snapshot. */
import { findAwsCredentials } from '../plan/aws-credentials.ts';
import { loadPriceBook } from '../pricing/load-price-book.ts';
import type { PriceBook } from '../pricing/price-book.ts';

export async function pricesFor(region: string, offline: boolean): Promise<PriceBook> {
  const credentials = offline ? null : await findAwsCredentials(process.env);
  return loadPriceBook({ region, offline, credentials });
}
