import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../runner/errors.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';

test('an unknown region is a UsageError naming the closest regions', async () => {
  await assert.rejects(loadPriceBook({ region: 'eu-west-9', offline: true }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /unknown AWS region 'eu-west-9' \(did you mean eu-west-1, eu-west-2, eu-west-3\?\)/);
    return true;
  });
  await assert.rejects(loadPriceBook({ region: 'useast1', offline: true }), /did you mean us-east-1/);
});

test('a real region the snapshot does not cover is a UsageError saying which regions it covers', async () => {
  await assert.rejects(loadPriceBook({ region: 'ap-south-1', offline: true }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /no prices for ap-south-1 \(it covers eu-west-1, us-east-1, us-west-2\)/);
    return true;
  });
});
