import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { UsageError } from '../../runner/errors.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { testTempDir } from '../temp-dir.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
const denied = (): Error => Object.assign(new Error('User is not authorized to perform: pricing:GetProducts'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });

test('when the API fails, the snapshot is used with a loud provenance note and a warning, and nothing is cached', async () => {
  pricing.on(GetProductsCommand).rejects(denied());
  const warnings: string[] = [];
  const cacheDir = testTempDir('lmi-bench-prices-');
  const book = await loadPriceBook({ region: 'us-east-1', credentials, cacheDir, instanceTypes: ['m7g.xlarge'], onWarning: (m) => warnings.push(m) });
  assert.equal(book.provenance.source, 'snapshot');
  assert.equal(book.instances['m7g.xlarge']?.onDemandUsdPerHour, 0.1632);
  assert.match(book.provenance.notes?.[0] ?? '', /^PRICE LIST API FAILED \(User is not authorized/);
  assert.equal(warnings.length, 1);
  assert.deepEqual(readdirSync(cacheDir), []);
});

test('when the API fails for a region the snapshot lacks, the one-line UsageError gives both reasons', async () => {
  pricing.on(GetProductsCommand).rejects(denied());
  const cacheDir = testTempDir('lmi-bench-prices-');
  await assert.rejects(loadPriceBook({ region: 'ap-south-1', credentials, cacheDir, instanceTypes: ['m7g.xlarge'], onWarning: () => {} }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /Price List API failed for ap-south-1 \(User is not authorized.*\) and the offline price snapshot has no prices for ap-south-1/);
    assert.ok(!error.message.includes('\n'));
    return true;
  });
});
