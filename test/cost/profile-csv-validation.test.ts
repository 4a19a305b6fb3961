import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfileCsv } from '../../runner/traffic/profiles.ts';
import { UsageError } from '../../runner/errors.ts';

test('a per-minute CSV is read with or without timestamps and a header; bad rows name file and line', () => {
  assert.deepEqual(parseProfileCsv('120\n60\n\n0\n', 'a.csv').minuteRequests, [120, 60, 0]);
  const stamped = parseProfileCsv('timestamp,requests\n2025-06-01T00:00:00Z,600\n2025-06-01T00:01:00Z,900\n', 'b.csv');
  assert.deepEqual(stamped.minuteRequests, [600, 900]);
  assert.equal(stamped.name, 'csv:b.csv');
  const bad: Array<[string, RegExp]> = [
    ['10\n-4\n', /c\.csv line 2: '-4' is not a request count/],
    ['10\nabc\n', /c\.csv line 2: 'abc' is not a request count/],
    ['10\n1,2,3\n', /c\.csv line 2: expected 'count' or 'timestamp,count'/],
    ['2025-06-01T00:01:00Z,5\n2025-06-01T00:00:00Z,5\n', /c\.csv line 2: timestamps must increase/],
    ['yesterday,5\n', /c\.csv line 1: 'yesterday' is not a timestamp/],
    ['\n\n', /c\.csv: no per-minute request counts/],
  ];
  for (const [text, message] of bad) {
    assert.throws(() => parseProfileCsv(text, 'c.csv'), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'));
  }
});
