import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAttributeValuesCommand, GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { refreshSnapshot } from '../../runner/pricing/refresh-snapshot.ts';
import { defaultSnapshotDir, readSnapshotMetadata } from '../../runner/pricing/snapshot.ts';
import { ec2UsEast2, feeUsEast2, lambdaUsEast2 } from './fixtures.ts';
import { testTempDir } from '../temp-dir.ts';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());

test('a refresh writes the API responses as the snapshot, which then loads offline through the same parser', async () => {
  const dir = testTempDir('lmi-bench-snapshot-');
  copyFileSync(join(defaultSnapshotDir, 'metadata.json'), join(dir, 'metadata.json'));
  pricing.on(GetAttributeValuesCommand).resolves({
    AttributeValues: [{ Value: 'USE2-Request' }, { Value: 'USE2-Lambda-Managed-Instances-Management-Hours:m7g.xlarge' }, { Value: 'Lambda-Managed-Instances-Management-Hours:m7g.xlarge' }],
  });
  pricing.on(GetProductsCommand, { ServiceCode: 'AmazonEC2' }).resolves({ PriceList: ec2UsEast2() });
  pricing.on(GetProductsCommand, { ServiceCode: 'AWSLambda' }).resolves({ PriceList: [...lambdaUsEast2(), ...feeUsEast2()] });

  const summaries = await refreshSnapshot({
    regions: ['us-east-2'],
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    snapshotDir: dir,
    instanceTypes: ['m7g.xlarge', 'c7i.xlarge'],
    nowMs: Date.parse('2026-11-25T08:00:00Z'),
  });
  assert.deepEqual(summaries, [{ region: 'us-east-2', instanceTypes: 3, managementFeesListed: 1 }]);

  const metadata = readSnapshotMetadata(dir);
  assert.equal(metadata.method, 'capture');
  assert.equal(metadata.compiledOn, '2026-11-25');
  assert.deepEqual(Object.keys(metadata.regions), ['us-east-2']);
  assert.match(metadata.regions['us-east-2']?.notes[0] ?? '', /^1 management-fee usage type\(s\) for this region/);
  const ec2Doc = JSON.parse(readFileSync(join(dir, 'us-east-2/AmazonEC2.json'), 'utf8')) as { FormatVersion: string; PriceList: string[] };
  assert.equal(ec2Doc.FormatVersion, 'aws_v1');
  assert.equal(ec2Doc.PriceList.length, ec2UsEast2().length * 2, 'one EC2 query per instance type, responses kept as returned');

  const book = await loadPriceBook({ region: 'us-east-2', offline: true, snapshotDir: dir });
  assert.equal(book.provenance.source, 'snapshot');
  assert.equal(book.provenance.asOf, '2026-11-25');
  assert.match(book.provenance.notes?.join(' ') ?? '', /captured from the Price List API/);
  assert.equal(book.instances['m7g.xlarge']?.managementFeeSource, 'price-list');
  assert.equal(book.instances['c7i.xlarge']?.onDemandUsdPerHour, 0.1785);
});
