// A per-minute count of 1e300 is a finite number, but priced over a month it made every cost
// Infinity (and printed a 300-digit saving). It is refused on its line, with the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfileCsv } from '../../runner/traffic/profiles.ts';
import { UsageError } from '../../runner/errors.ts';

test('a count too large to price is refused on its line', () => {
  assert.throws(() => parseProfileCsv('100\n1e300\n100\n', 'huge.csv'), (error: unknown) => error instanceof UsageError && /^huge\.csv line 2: 1e300 requests in a minute is more than lmi-bench models/.test(error.message));
  assert.equal(parseProfileCsv('100\n1e9\n', 'ok.csv').minuteRequests[1], 1e9);
});
