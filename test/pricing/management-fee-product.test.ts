import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPriceBook } from '../../runner/pricing/build-price-book.ts';
import { ec2UsEast2, feeUsEast2, lambdaUsEast2 } from './fixtures.ts';

const provenance = { source: 'price-list-api' as const, asOf: '2025-11-20', region: 'us-east-2' };
const freeTier = { requests: 1_000_000, gbSeconds: 400_000 };

test('a management-fee product in the price list is used as listed', () => {
  const book = buildPriceBook({ region: 'us-east-2', documents: { ec2: ec2UsEast2(), lambda: [...lambdaUsEast2(), ...feeUsEast2()] }, provenance, freeTier });
  assert.equal(book.instances['m7g.xlarge']?.managementFeeUsdPerHour, 0.02448);
  assert.equal(book.instances['m7g.xlarge']?.managementFeeSource, 'price-list');
  // c7i.xlarge has no fee product in the fixture: derived, and the notes name it.
  assert.equal(book.instances['c7i.xlarge']?.managementFeeSource, 'derived');
  assert.ok(book.provenance.notes?.some((n) => n.includes('15%') && n.includes('c7i.xlarge') && !n.includes('m7g.xlarge')));
});

test('without fee products the fee is 15% of on-demand, marked derived, and the provenance says so', () => {
  const book = buildPriceBook({ region: 'us-east-2', documents: { ec2: ec2UsEast2(), lambda: lambdaUsEast2() }, provenance, freeTier });
  const m7g = book.instances['m7g.xlarge'];
  assert.equal(m7g?.managementFeeUsdPerHour, 0.02448);
  assert.equal(m7g?.managementFeeSource, 'derived');
  assert.ok(book.provenance.notes?.some((n) => /management fee derived as 15%/.test(n)));
});

test('an instance type outside the catalog takes its shape from the product attributes', () => {
  const book = buildPriceBook({ region: 'us-east-2', documents: { ec2: ec2UsEast2(), lambda: lambdaUsEast2() }, provenance, freeTier });
  assert.deepEqual(
    { vcpus: book.instances['x8g.xlarge']?.vcpus, memoryGiB: book.instances['x8g.xlarge']?.memoryGiB, architecture: book.instances['x8g.xlarge']?.architecture },
    { vcpus: 4, memoryGiB: 64, architecture: 'arm64' },
  );
});
