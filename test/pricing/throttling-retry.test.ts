// test-lane: concurrent: asserts the retry policy's waits (recorded, not measured).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { getAllProducts, type RetryPolicy } from '../../runner/pricing/price-list-client.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

function recordingPolicy(attempts: number): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return { attempts, baseDelayMs: 400, maxDelayMs: 1_000, slept, sleep: async (ms) => void slept.push(ms) };
}

function throttling(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
}

test('a ThrottlingException is retried with growing, capped backoff and the call then succeeds', async () => {
  pricing.on(GetProductsCommand).rejectsOnce(throttling()).rejectsOnce(throttling()).resolvesOnce({ PriceList: ['{"product":{}}'] });
  const policy = recordingPolicy(5);
  const products = await getAllProducts(new PricingClient({ region: 'us-east-1', credentials }), 'AWSLambda', { regionCode: 'us-east-1' }, policy);
  assert.deepEqual(products, ['{"product":{}}']);
  assert.equal(pricing.commandCalls(GetProductsCommand).length, 3);
  assert.equal(policy.slept.length, 2);
  // attempt 1 waits within [200, 400] ms, attempt 2 within [400, 800] ms
  assert.ok(policy.slept[0]! >= 200 && policy.slept[0]! <= 400, `first wait ${policy.slept[0]}`);
  assert.ok(policy.slept[1]! >= 400 && policy.slept[1]! <= 800, `second wait ${policy.slept[1]}`);
});

test('throttling that outlasts the attempts surfaces the error', async () => {
  pricing.on(GetProductsCommand).rejects(throttling());
  const policy = recordingPolicy(3);
  await assert.rejects(getAllProducts(new PricingClient({ region: 'us-east-1', credentials }), 'AWSLambda', {}, policy), /Rate exceeded/);
  assert.equal(pricing.commandCalls(GetProductsCommand).length, 3);
});

test('an error that is not throttling or a server fault is not retried', async () => {
  pricing.on(GetProductsCommand).rejects(Object.assign(new Error('bad filter'), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } }));
  const policy = recordingPolicy(5);
  await assert.rejects(getAllProducts(new PricingClient({ region: 'us-east-1', credentials }), 'AWSLambda', {}, policy), /bad filter/);
  assert.equal(pricing.commandCalls(GetProductsCommand).length, 1);
  assert.deepEqual(policy.slept, []);
});
