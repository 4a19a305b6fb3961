/**
 * Where a run's prices come from:
 *  - offline, or no AWS credentials: the committed snapshot; nothing is sent to the network.
 *  - otherwise: the disk cache when fresh, else the Price List API (then cached).
 *  - when the API fails: the snapshot, with a loud provenance note and a warning, because a
 *    benchmark that has already measured should still produce a report; the note travels
 *    into run.json and the report so nobody mistakes those prices for live ones.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import { buildPriceBook } from './build-price-book.ts';
import { defaultCacheDir, defaultCacheMaxAgeMs, readCachedBook, writeCachedBook } from './cache.ts';
import { instanceCatalog } from './instance-types.ts';
import type { PriceBook } from './price-book.ts';
import type { PricingClientFactory, RetryPolicy } from './price-list-client.ts';
import { assertKnownRegion } from './regions.ts';
import { defaultSnapshotDir, readSnapshot, readSnapshotMetadata } from './snapshot.ts';
import { errorMessage } from '../system/error-message.ts';

export interface LoadPriceBookOptions {
  region: string;
  offline?: boolean;
  credentials?: AwsCredentialIdentity | null;
  cacheDir?: string;
  /** Cached API books older than this are fetched again (default 24 h). */
  cacheMaxAgeMs?: number;
  snapshotDir?: string;
  /** Instance types to price from the API (default: every type in data/ec2-instance-types.json). */
  instanceTypes?: readonly string[];
  clientFactory?: PricingClientFactory;
  retryPolicy?: RetryPolicy;
  /** Where the API-failure warning goes (default: stderr). */
  onWarning?: (message: string) => void;
  nowMs?: () => number;
}

export async function loadPriceBook(options: LoadPriceBookOptions): Promise<PriceBook> {
  const { region } = options;
  assertKnownRegion(region);
  if (options.offline) return snapshotBook(options, 'offline pricing requested (--offline)');
  if (!options.credentials) return snapshotBook(options, 'no AWS credentials found, so the Price List API was not queried');

  const now = options.nowMs ?? Date.now;
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  const cached = readCachedBook(cacheDir, region, options.cacheMaxAgeMs ?? defaultCacheMaxAgeMs, now());
  if (cached) {
    const fetchedAt = new Date(cached.fetchedAtMs).toISOString();
    return { ...cached.book, provenance: { ...cached.book.provenance, source: 'cache', notes: [...(cached.book.provenance.notes ?? []), `served from the price cache (fetched ${fetchedAt})`] } };
  }

  let book: PriceBook;
  try {
    const fetchedAtMs = now();
    // Loaded only here: the Pricing SDK costs every offline or snapshot-priced command ~0.1 s of CPU at start.
    const { fetchPriceDocuments } = await import('./fetch-price-list.ts');
    const { documents, endpointRegion } = await fetchPriceDocuments({
      region,
      credentials: options.credentials,
      instanceTypes: options.instanceTypes ?? [...instanceCatalog().keys()],
      ...(options.clientFactory ? { clientFactory: options.clientFactory } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    });
    const fetchedAt = new Date(fetchedAtMs).toISOString();
    book = buildPriceBook({
      region,
      documents,
      provenance: { source: 'price-list-api', asOf: fetchedAt.slice(0, 10), region, notes: [`fetched from the Price List API (${endpointRegion} endpoint) at ${fetchedAt}`] },
      freeTier: readSnapshotFreeTier(options),
    });
    await writeCachedBook(cacheDir, book, fetchedAtMs);
  } catch (error) {
    const reason = errorMessage(error);
    const note = `PRICE LIST API FAILED (${reason}): prices below come from the offline snapshot, not from the live price list`;
    (options.onWarning ?? ((m: string) => process.stderr.write(`lmi-bench: warning: ${m}\n`)))(note);
    try {
      return snapshotBook(options, note);
    } catch (snapshotError) {
      const why = errorMessage(snapshotError);
      throw new UsageError(`the Price List API failed for ${region} (${reason}) and ${why}`);
    }
  }
  return book;
}

function snapshotBook(options: LoadPriceBookOptions, why: string): PriceBook {
  const snapshot = readSnapshot(options.region, options.snapshotDir ?? defaultSnapshotDir);
  const notes = [why, ...(snapshot.provenance.notes ?? [])];
  return buildPriceBook({
    region: options.region,
    documents: snapshot.documents,
    provenance: { ...snapshot.provenance, notes },
    freeTier: { requests: snapshot.freeTier.requests, gbSeconds: snapshot.freeTier.gbSeconds },
  });
}

/** The free tier is not in the price list; the snapshot metadata carries it for every source. */
function readSnapshotFreeTier(options: LoadPriceBookOptions): { requests: number; gbSeconds: number } {
  const { freeTier } = readSnapshotMetadata(options.snapshotDir ?? defaultSnapshotDir);
  return { requests: freeTier.requests, gbSeconds: freeTier.gbSeconds };
}
