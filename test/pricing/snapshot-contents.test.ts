import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { defaultSnapshotDir, readSnapshotMetadata } from '../../runner/pricing/snapshot.ts';

const families = ['c', 'm', 'r'];
const sizes = ['large', 'xlarge', '2xlarge', '4xlarge'];

test('the snapshot is stored as GetProducts responses and parses into books for us-east-1, us-west-2 and eu-west-1', async () => {
  const metadata = readSnapshotMetadata();
  assert.deepEqual(Object.keys(metadata.regions).sort(), ['eu-west-1', 'us-east-1', 'us-west-2']);
  for (const [region, entry] of Object.entries(metadata.regions)) {
    for (const file of [entry.ec2File, entry.lambdaFile]) {
      const doc = JSON.parse(readFileSync(join(defaultSnapshotDir, file), 'utf8')) as { FormatVersion: string; PriceList: unknown[] };
      assert.equal(doc.FormatVersion, 'aws_v1');
      assert.ok(doc.PriceList.length > 0 && doc.PriceList.every((e) => typeof e === 'string'), `${file}: PriceList of JSON strings`);
    }
    const book = await loadPriceBook({ region, offline: true });
    assert.equal(book.region, region);
    assert.equal(book.provenance.asOf, entry.asOf);
    assert.match(entry.asOf, /^\d{4}-\d{2}-\d{2}$/);
    for (const arch of ['x86_64', 'arm64'] as const) {
      assert.equal(book.lambda[arch].gbSecondTiers.length, 3);
      assert.equal(book.lambda[arch].requestUsdPerMillion, 0.2);
    }
    assert.equal(book.ephemeralStorageUsdPerGbSecond, 0.0000000309);
    // every priced product says where its figure came from
    for (const instanceType of Object.keys(book.instances)) assert.ok(entry.products?.[instanceType]?.source, `${region} ${instanceType} has a source`);
  }
});

test('us-east-1 and us-west-2 cover c/m/r 7g, 7i and 7a from large to 4xlarge at the published figures', async () => {
  for (const region of ['us-east-1', 'us-west-2']) {
    const book = await loadPriceBook({ region, offline: true });
    for (const f of families) for (const gen of ['7g', '7i', '7a']) for (const size of sizes) assert.ok(book.instances[`${f}${gen}.${size}`], `${region} ${f}${gen}.${size}`);
    assert.equal(book.instances['c7g.xlarge']?.onDemandUsdPerHour, 0.145);
    assert.equal(book.instances['m7g.xlarge']?.onDemandUsdPerHour, 0.1632);
    assert.equal(book.instances['r7g.xlarge']?.onDemandUsdPerHour, 0.2142);
    assert.equal(book.instances['m7g.xlarge']?.architecture, 'arm64');
    assert.equal(book.instances['m7i.xlarge']?.architecture, 'x86_64');
  }
  const east = await loadPriceBook({ region: 'us-east-1', offline: true });
  assert.deepEqual(east.lambda.x86_64.gbSecondTiers, [
    { upToGbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
    { upToGbSeconds: 15e9, usdPerGbSecond: 0.000015 },
    { upToGbSeconds: null, usdPerGbSecond: 0.0000133334 },
  ]);
  assert.deepEqual(east.lambda.arm64.gbSecondTiers, [
    { upToGbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
    { upToGbSeconds: 18.75e9, usdPerGbSecond: 0.0000120001 },
    { upToGbSeconds: null, usdPerGbSecond: 0.0000106667 },
  ]);
  assert.deepEqual(east.freeTier, { requests: 1_000_000, gbSeconds: 400_000 });
});

test('the metadata says the snapshot is a transcription and marks derived figures per product', () => {
  const metadata = readSnapshotMetadata();
  assert.equal(metadata.method, 'transcription');
  assert.match(metadata.howMade, /not a capture/);
  const scaled = metadata.regions['eu-west-1']?.products?.['m7g.large'];
  assert.match(scaled?.basis ?? '', /scaled-from-xlarge/);
  assert.match(metadata.regions['us-east-1']?.products?.['m7g.xlarge']?.source ?? '', /Price List API/);
});
