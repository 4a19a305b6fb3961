import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { fetchPriceDocuments } from '../../runner/pricing/fetch-price-list.ts';
import { priceListEndpointRegion } from '../../runner/pricing/regions.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

test('eu-west-1 prices are queried from the eu-central-1 endpoint, with eu-west-1 in the filters', async () => {
  pricing.on(GetProductsCommand).resolves({ PriceList: [] });
  const { endpointRegion } = await fetchPriceDocuments({ region: 'eu-west-1', credentials, instanceTypes: ['m7g.xlarge'] });
  assert.equal(endpointRegion, 'eu-central-1');
  const calls = pricing.commandCalls(GetProductsCommand);
  assert.equal(calls.length, 2, 'one EC2 query for the instance type, one for the region\'s Lambda products');
  for (const call of calls) {
    const client = call.thisValue as PricingClient;
    assert.equal(await client.config.region(), 'eu-central-1');
    assert.ok(call.args[0].input.Filters?.some((f) => f.Field === 'regionCode' && f.Value === 'eu-west-1'));
  }
});

test('every region maps to one of the three Price List endpoints', () => {
  assert.equal(priceListEndpointRegion('us-west-2'), 'us-east-1');
  assert.equal(priceListEndpointRegion('sa-east-1'), 'us-east-1');
  assert.equal(priceListEndpointRegion('me-central-1'), 'eu-central-1');
  assert.equal(priceListEndpointRegion('ap-southeast-2'), 'ap-south-1');
  assert.equal(priceListEndpointRegion('ap-south-1'), 'ap-south-1');
});
