import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import { PricingClient } from '@aws-sdk/client-pricing';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import type { PricingClientFactory } from '../../runner/pricing/price-list-client.ts';
import { readSnapshotMetadata } from '../../runner/pricing/snapshot.ts';
import { testTempDir } from '../temp-dir.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());

function spyFactory(): { factory: PricingClientFactory; constructed: number } {
  const spy = { constructed: 0, factory: ((region, credentials) => { spy.constructed++; return new PricingClient({ region, credentials }); }) as PricingClientFactory };
  return spy;
}

const snapshotAsOf = readSnapshotMetadata().regions['us-east-1']?.asOf;

test('offline: the snapshot is used even with credentials, no Price List client is built or called, and the snapshot date is in the provenance', async () => {
  const spy = spyFactory();
  const cacheDir = testTempDir('lmi-bench-prices-');
  const book = await loadPriceBook({
    region: 'us-east-1', offline: true, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' }, cacheDir, clientFactory: spy.factory,
  });
  assert.equal(spy.constructed, 0);
  assert.equal(pricing.calls().length, 0);
  assert.equal(book.provenance.source, 'snapshot');
  assert.ok(snapshotAsOf);
  assert.equal(book.provenance.asOf, snapshotAsOf);
  assert.ok(book.provenance.notes?.some((n) => n.includes('--offline')));
  assert.deepEqual(readdirSync(cacheDir), [], 'a snapshot book is not written to the API cache');
});

test('no credentials: the snapshot is used and nothing is sent', async () => {
  for (const credentials of [null, undefined]) {
    const spy = spyFactory();
    const book = await loadPriceBook({ region: 'us-east-1', credentials, clientFactory: spy.factory });
    assert.equal(spy.constructed, 0);
    assert.equal(pricing.calls().length, 0);
    assert.equal(book.provenance.source, 'snapshot');
    assert.equal(book.provenance.asOf, snapshotAsOf);
    assert.ok(book.provenance.notes?.some((n) => /no AWS credentials/.test(n)));
  }
});
