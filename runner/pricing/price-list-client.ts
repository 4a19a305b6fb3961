/**
 * The Price List API calls the harness makes: GetProducts with NextToken paging and
 * GetAttributeValues, each call retried on throttling with capped exponential backoff.
 * The retry lives here rather than in the SDK's middleware so that its policy is explicit,
 * visible in one place, and testable with a mocked client.
 */
import { GetAttributeValuesCommand, GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { PriceListEndpointRegion } from './regions.ts';
import { sleep as pause } from '../system/sleep.ts';
import { awsClientLimits } from '../system/aws-client-limits.ts';

export type PricingClientFactory = (endpointRegion: PriceListEndpointRegion, credentials: AwsCredentialIdentity) => PricingClient;

/** SDK retries off: withThrottleRetry below is the single retry layer. */
export const createPricingClient: PricingClientFactory = (endpointRegion, credentials) =>
  new PricingClient({ ...awsClientLimits(), region: endpointRegion, credentials, maxAttempts: 1 });

export interface RetryPolicy {
  /** Total attempts per call, first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The Price List API allows a few calls per second per account; throttles clear within seconds. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8_000 };

const retryableNames = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'InternalErrorException', 'ServiceUnavailableException']);

export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return retryableNames.has(e.name ?? '') || status === 429 || (status !== undefined && status >= 500);
}

export async function withThrottleRetry<T>(call: () => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? pause;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      // Half fixed, half jitter: spreads concurrent callers without ever retrying instantly.
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

/** Every product matching the TERM_MATCH filters, all pages, as the API's JSON strings. */
export async function getAllProducts(
  client: PricingClient,
  serviceCode: string,
  termMatch: Record<string, string>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<string[]> {
  const filters: Filter[] = Object.entries(termMatch).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value }));
  const products: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withThrottleRetry(
      () => client.send(new GetProductsCommand({ ServiceCode: serviceCode, Filters: filters, FormatVersion: 'aws_v1', MaxResults: 100, NextToken: nextToken })),
      policy,
    );
    // The SDK types PriceList loosely; on the wire it is an array of JSON strings.
    const entries: unknown[] = Array.isArray(page.PriceList) ? page.PriceList : [];
    products.push(...entries.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))));
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return products;
}

/** Every value an attribute takes in a service's price list (how fee usage types are discovered, not guessed). */
export async function getAllAttributeValues(
  client: PricingClient,
  serviceCode: string,
  attributeName: string,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<string[]> {
  const values: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withThrottleRetry(
      () => client.send(new GetAttributeValuesCommand({ ServiceCode: serviceCode, AttributeName: attributeName, MaxResults: 100, NextToken: nextToken })),
      policy,
    );
    for (const v of page.AttributeValues ?? []) if (v.Value !== undefined) values.push(v.Value);
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return values;
}
