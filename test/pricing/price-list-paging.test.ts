import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAttributeValuesCommand, GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { getAllAttributeValues, getAllProducts } from '../../runner/pricing/price-list-client.ts';
import { getProductsFixture } from './fixtures.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

test('GetProducts is followed over NextToken until the last page, with the filters as TERM_MATCH', async () => {
  const page1 = getProductsFixture('ec2-us-east-2-page1.json');
  const page2 = getProductsFixture('ec2-us-east-2-page2.json');
  pricing.on(GetProductsCommand).resolvesOnce({ FormatVersion: 'aws_v1', PriceList: page1.PriceList, NextToken: page1.NextToken }).resolvesOnce({ FormatVersion: 'aws_v1', PriceList: page2.PriceList });
  const client = new PricingClient({ region: 'us-east-1', credentials });
  const products = await getAllProducts(client, 'AmazonEC2', { instanceType: 'm7g.xlarge', regionCode: 'us-east-2' });
  assert.equal(products.length, page1.PriceList.length + page2.PriceList.length);
  const calls = pricing.commandCalls(GetProductsCommand);
  assert.equal(calls.length, 2);
  assert.equal(calls[0]?.args[0].input.NextToken, undefined);
  assert.equal(calls[1]?.args[0].input.NextToken, 'ec2-page-2');
  assert.deepEqual(calls[0]?.args[0].input.Filters, [
    { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm7g.xlarge' },
    { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-2' },
  ]);
  assert.equal(calls[0]?.args[0].input.ServiceCode, 'AmazonEC2');
});

test('GetAttributeValues is paged the same way', async () => {
  pricing
    .on(GetAttributeValuesCommand)
    .resolvesOnce({ AttributeValues: [{ Value: 'Request' }, { Value: 'USE2-Request' }], NextToken: 't2' })
    .resolvesOnce({ AttributeValues: [{ Value: 'USE2-Lambda-GB-Second' }] });
  const client = new PricingClient({ region: 'us-east-1', credentials });
  const values = await getAllAttributeValues(client, 'AWSLambda', 'usagetype');
  assert.deepEqual(values, ['Request', 'USE2-Request', 'USE2-Lambda-GB-Second']);
  assert.equal(pricing.commandCalls(GetAttributeValuesCommand)[1]?.args[0].input.NextToken, 't2');
});
