import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEc2OnDemand } from '../../runner/pricing/parse-ec2.ts';
import { ec2UsEast2 } from './fixtures.ts';

test('EC2 on-demand Linux shared-tenancy prices are read from GetProducts documents; other OS, tenancy, software and capacity states are ignored', () => {
  const prices = parseEc2OnDemand(ec2UsEast2(), 'us-east-2');
  assert.deepEqual([...prices.keys()].sort(), ['c7i.xlarge', 'm7g.xlarge', 'x8g.xlarge']);
  const m7g = prices.get('m7g.xlarge');
  assert.equal(m7g?.usdPerHour, 0.1632, 'the OnDemand term, not the Reserved one, and not the Windows/SQL/dedicated lines');
  assert.equal(m7g?.vcpus, 4);
  assert.equal(m7g?.memoryGiB, 16);
  assert.equal(m7g?.sku, 'AAAAM7GXLARGEUE2');
  assert.equal(prices.get('c7i.xlarge')?.usdPerHour, 0.1785);
  assert.equal(prices.get('x8g.xlarge')?.physicalProcessor, 'AWS Graviton4 Processor');
});

test('products of another region are not taken for this one', () => {
  assert.equal(parseEc2OnDemand(ec2UsEast2(), 'us-east-1').size, 0);
});

test('a malformed price is an error naming the product, not a silent NaN', () => {
  const [first] = ec2UsEast2();
  assert.ok(first);
  const broken = first.replace('"0.1632000000"', '"n/a"');
  assert.throws(() => parseEc2OnDemand([broken], 'us-east-2'), /AAAAM7GXLARGEUE2.*not a price/);
});
