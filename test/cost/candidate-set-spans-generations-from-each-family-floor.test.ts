import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTypeNames } from '../../runner/cost/candidates.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';

test('the default candidate set holds the 6th, 7th and 8th generations, C from .xlarge and M and R from .large', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  for (const architecture of ['x86_64', 'arm64'] as const) {
    const names = candidateTypeNames(prices, { architecture });
    const generations = new Set(names.map((n) => n[1]));
    assert.deepEqual([...generations].sort(), ['6', '7', '8'], `${architecture}: ${names.join(',')}`);
    assert.ok(!names.some((n) => /^c.*\.large$/.test(n)), `no C type below .xlarge: ${names.join(',')}`);
    assert.ok(names.some((n) => /^m.*\.large$/.test(n)) && names.some((n) => /^r.*\.large$/.test(n)));
  }
  // A type below the floor can still be named or pinned: the floor narrows only the default choice.
  assert.deepEqual(candidateTypeNames(prices, { architecture: 'arm64', instanceTypes: ['c7g.large'] }), ['c7g.large']);
  // Real list prices with their date: c8g.xlarge at $0.15952/h in the 2026-01-19 us-east-1 table.
  assert.equal(prices.instances['c8g.xlarge']?.onDemandUsdPerHour, 0.15952);
  assert.equal(prices.instances['m6i.large']?.onDemandUsdPerHour, 0.096);
});
