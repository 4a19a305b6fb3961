import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../runner/errors.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { instancePrice } from '../../runner/pricing/lookup.ts';

test('an instance type EC2 does not have is a UsageError with close matches', async () => {
  const book = await loadPriceBook({ region: 'us-east-1', offline: true });
  assert.throws(() => instancePrice(book, 'm7g.xlarg'), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /unknown instance type 'm7g\.xlarg' \(did you mean m7g\.xlarge/);
    return true;
  });
});

test('a known type the book has no price for names the priced types close to it', async () => {
  const book = await loadPriceBook({ region: 'eu-west-1', offline: true });
  assert.equal(instancePrice(book, 'm7g.xlarge').onDemandUsdPerHour, 0.183);
  assert.throws(() => instancePrice(book, 'm7a.xlarge'), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /no snapshot price for instance type 'm7a\.xlarge' in eu-west-1 \(priced types close to it: m7g\.xlarge, m7i\.xlarge/);
    return true;
  });
});

test("a name the price book's object inherits ('constructor') is no instance type", async () => {
  const book = await loadPriceBook({ region: 'us-east-1', offline: true });
  assert.throws(() => instancePrice(book, 'constructor'), UsageError);
});
