/**
 * Fetches one region's price documents from the Price List API: EC2 on-demand Linux products
 * per instance type (TERM_MATCH filters of docs/lmi-facts.md) and every AWSLambda product of the
 * region (duration tiers, requests, ephemeral storage and any LMI management-fee products).
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { PriceDocuments } from './build-price-book.ts';
import { createPricingClient, defaultRetryPolicy, getAllAttributeValues, getAllProducts, type PricingClientFactory, type RetryPolicy } from './price-list-client.ts';
import { priceListEndpointRegion, type PriceListEndpointRegion } from './regions.ts';

export interface FetchOptions {
  region: string;
  credentials: AwsCredentialIdentity;
  instanceTypes: readonly string[];
  clientFactory?: PricingClientFactory;
  retryPolicy?: RetryPolicy;
  /** Parallel GetProducts calls; the API throttles bursts, so keep this small. */
  concurrency?: number;
}

export async function fetchPriceDocuments(options: FetchOptions): Promise<{ documents: PriceDocuments; endpointRegion: PriceListEndpointRegion }> {
  const endpointRegion = priceListEndpointRegion(options.region);
  const client = (options.clientFactory ?? createPricingClient)(endpointRegion, options.credentials);
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  try {
    const ec2Pages = await mapLimited(options.instanceTypes, options.concurrency ?? 3, (instanceType) =>
      getAllProducts(client, 'AmazonEC2', {
        instanceType,
        regionCode: options.region,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
      }, policy),
    );
    const lambda = await getAllProducts(client, 'AWSLambda', { regionCode: options.region }, policy);
    return { documents: { ec2: ec2Pages.flat(), lambda }, endpointRegion };
  } finally {
    client.destroy();
  }
}

/** LMI management-fee usage types the price list knows (all regions), found with GetAttributeValues. */
export async function discoverManagementFeeUsageTypes(options: Omit<FetchOptions, 'instanceTypes' | 'concurrency'>): Promise<string[]> {
  const client = (options.clientFactory ?? createPricingClient)(priceListEndpointRegion(options.region), options.credentials);
  try {
    const usageTypes = await getAllAttributeValues(client, 'AWSLambda', 'usagetype', options.retryPolicy ?? defaultRetryPolicy);
    return usageTypes.filter((u) => u.includes('Management-Hours')).sort();
  } finally {
    client.destroy();
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
