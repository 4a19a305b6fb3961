/**
 * Rebuilds the offline snapshot from the Price List API: for each region, the same queries
 * loadPriceBook makes, checked by building a PriceBook from them (a capture the parser cannot
 * read is not written), then written in place of the old snapshot with metadata saying it is
 * a capture, when, and which management-fee usage types GetAttributeValues reported.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { buildPriceBook, type PriceDocuments } from './build-price-book.ts';
import { discoverManagementFeeUsageTypes, fetchPriceDocuments } from './fetch-price-list.ts';
import { instanceCatalog } from './instance-types.ts';
import type { PricingClientFactory, RetryPolicy } from './price-list-client.ts';
import { usageTypePrefix } from './price-list-document.ts';
import { assertKnownRegion } from './regions.ts';
import { readSnapshotMetadata, writeSnapshot, type SnapshotMetadata } from './snapshot.ts';

export interface RefreshOptions {
  regions: readonly string[];
  credentials: AwsCredentialIdentity;
  snapshotDir: string;
  instanceTypes?: readonly string[];
  clientFactory?: PricingClientFactory;
  retryPolicy?: RetryPolicy;
  nowMs?: number;
  onProgress?: (line: string) => void;
}

export interface RegionSummary {
  region: string;
  instanceTypes: number;
  managementFeesListed: number;
}

export async function refreshSnapshot(options: RefreshOptions): Promise<RegionSummary[]> {
  options.regions.forEach(assertKnownRegion);
  const previous = readSnapshotMetadata(options.snapshotDir);
  const capturedAt = new Date(options.nowMs ?? Date.now()).toISOString();
  const today = capturedAt.slice(0, 10);
  const inject = {
    credentials: options.credentials,
    ...(options.clientFactory ? { clientFactory: options.clientFactory } : {}),
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  };
  const feeUsageTypes = await discoverManagementFeeUsageTypes({ region: options.regions[0] ?? 'us-east-1', ...inject });
  options.onProgress?.(`GetAttributeValues(AWSLambda, usagetype): ${feeUsageTypes.length} usage types contain 'Management-Hours'`);

  const metadata: SnapshotMetadata = {
    method: 'capture',
    compiledOn: today,
    howMade: `Captured with \`npm run prices:refresh\` from the AWS Price List API (GetProducts, pages merged) at ${capturedAt}.`,
    freeTier: previous.freeTier,
    regions: {},
  };
  const documents: Record<string, PriceDocuments> = {};
  const summaries: RegionSummary[] = [];
  for (const region of options.regions) {
    const fetched = await fetchPriceDocuments({ region, instanceTypes: options.instanceTypes ?? [...instanceCatalog().keys()], ...inject });
    const book = buildPriceBook({ region, documents: fetched.documents, provenance: { source: 'price-list-api', asOf: today, region }, freeTier: previous.freeTier });
    const listed = Object.values(book.instances).filter((i) => i.managementFeeSource === 'price-list').length;
    const prefix = regionPrefix(fetched.documents.lambda);
    const regionFeeTypes = feeUsageTypes.filter((u) => usageTypePrefix(u) === prefix);
    documents[region] = fetched.documents;
    metadata.regions[region] = {
      asOf: today,
      ec2File: `${region}/AmazonEC2.json`,
      lambdaFile: `${region}/AWSLambda.json`,
      notes: [
        `${regionFeeTypes.length} management-fee usage type(s) for this region in the price list at capture time` +
          (regionFeeTypes.length > 0 ? ` (e.g. ${regionFeeTypes.slice(0, 3).join(', ')})` : ''),
      ],
    };
    summaries.push({ region, instanceTypes: Object.keys(book.instances).length, managementFeesListed: listed });
    options.onProgress?.(`${region}: ${Object.keys(book.instances).length} instance types priced, ${listed} with a listed management fee (${fetched.endpointRegion} endpoint)`);
  }
  await writeSnapshot(options.snapshotDir, metadata, documents);
  return summaries;
}

function regionPrefix(lambdaPriceList: readonly string[]): string {
  for (const entry of lambdaPriceList) {
    const usageType = (JSON.parse(entry) as { product?: { attributes?: { usagetype?: string } } }).product?.attributes?.usagetype;
    if (usageType && /(^|-)Request$/.test(usageType)) return usageTypePrefix(usageType);
  }
  return '';
}
