import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRng } from '../../runner/analysis/rng.ts';
import { distinctiveValues, generateEvents } from '../../runner/safety/events.ts';

const base = {
  customer: { id: 'cust-1042', email: 'ada@example.com' },
  currency: 'EUR',
  period: '2025-11',
  items: [{ sku: 'pen', quantity: 2, unitPrice: 12.75 }],
  gift: false,
};

test('the same seed gives the same events; another seed other ones', () => {
  assert.deepEqual(generateEvents(base, 6, seededRng(7)), generateEvents(base, 6, seededRng(7)));
  assert.notDeepEqual(generateEvents(base, 6, seededRng(7)), generateEvents(base, 6, seededRng(8)));
});

test('string leaves get a distinct tag, codes and dates stay, numbers keep their sign and kind within +50%', () => {
  const events = generateEvents(base, 8, seededRng(1)) as unknown as (typeof base)[];
  const ids = new Set(events.map((e) => e.customer.id));
  assert.equal(ids.size, 8, 'every event its own customer id');
  for (const event of events) {
    assert.match(event.customer.id, /^cust-1042-[a-z2-9]{6}$/);
    assert.match(event.customer.email, /^ada\+[a-z2-9]{6}@example\.com$/);
    assert.equal(event.currency, 'EUR');
    assert.equal(event.period, '2025-11');
    assert.equal(event.gift, false);
    const item = event.items[0] as (typeof base.items)[number];
    assert.ok(Number.isInteger(item.quantity) && item.quantity >= 2 && item.quantity <= 3);
    assert.ok(item.unitPrice > 12.75 && item.unitPrice <= 12.75 * 1.5 && Number(item.unitPrice.toFixed(2)) === item.unitPrice);
  }
});

test('distinctive values: strings of 4+ characters and numbers of 4+ digits, with their paths', () => {
  const values = distinctiveValues({ name: 'Ada Lovelace', code: 'EU', qty: 3, price: 12.75, total: 1280.4 });
  assert.deepEqual([...values.values()], [
    { path: 'name', value: 'Ada Lovelace' },
    { path: 'price', value: 12.75 },
    { path: 'total', value: 1280.4 },
  ]);
});
