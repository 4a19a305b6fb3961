import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { ec2UsEast2, lambdaUsEast2 } from './fixtures.ts';
import { testTempDir } from '../temp-dir.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

function serveFixtures(): void {
  pricing.on(GetProductsCommand, { ServiceCode: 'AmazonEC2' }).resolves({ FormatVersion: 'aws_v1', PriceList: ec2UsEast2() });
  pricing.on(GetProductsCommand, { ServiceCode: 'AWSLambda' }).resolves({ FormatVersion: 'aws_v1', PriceList: lambdaUsEast2() });
}

test('with credentials the book comes from the API, is cached with its fetch time, and is served from the cache until it expires', async () => {
  serveFixtures();
  const cacheDir = testTempDir('lmi-bench-prices-');
  let nowMs = Date.parse('2026-11-20T10:00:00Z');
  const options = { region: 'us-east-2', credentials, cacheDir, instanceTypes: ['m7g.xlarge', 'c7i.xlarge'], cacheMaxAgeMs: 3_600_000, nowMs: () => nowMs };

  const fresh = await loadPriceBook(options);
  assert.equal(fresh.provenance.source, 'price-list-api');
  assert.equal(fresh.provenance.asOf, '2026-11-20');
  assert.equal(fresh.instances['m7g.xlarge']?.onDemandUsdPerHour, 0.1632);
  assert.equal(fresh.lambda.arm64.gbSecondTiers[0]?.usdPerGbSecond, 0.0000133334);
  const apiCalls = pricing.commandCalls(GetProductsCommand).length;
  assert.equal(apiCalls, 3, 'two EC2 queries (one per instance type) and one Lambda query');
  assert.deepEqual(readdirSync(cacheDir), ['price-book-us-east-2.json']);

  nowMs += 30 * 60_000;
  const cached = await loadPriceBook(options);
  assert.equal(cached.provenance.source, 'cache');
  assert.equal(cached.provenance.asOf, '2026-11-20');
  assert.equal(cached.instances['m7g.xlarge']?.onDemandUsdPerHour, 0.1632);
  assert.equal(pricing.commandCalls(GetProductsCommand).length, apiCalls, 'no API call while the cache is fresh');

  nowMs += 31 * 60_000;
  const refetched = await loadPriceBook(options);
  assert.equal(refetched.provenance.source, 'price-list-api');
  assert.equal(pricing.commandCalls(GetProductsCommand).length, apiCalls * 2, 'an expired cache entry is fetched again');
});
