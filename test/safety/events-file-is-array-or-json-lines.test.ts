import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../runner/errors.ts';
import { readEventsFile } from '../../runner/safety/events.ts';
import { testTempDir } from '../temp-dir.ts';

const dir = testTempDir('lmi-bench-events-');
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('a JSON array and JSON lines give the same events', () => {
  const events = [{ user: 'a' }, { user: 'b' }];
  assert.deepEqual(readEventsFile(file('array.json', JSON.stringify(events))), events);
  assert.deepEqual(readEventsFile(file('lines.jsonl', '{"user":"a"}\n\n{"user":"b"}\n')), events);
});

test('malformed, empty or non-object events are one-line usage errors naming the place', () => {
  const cases: [string, string, RegExp][] = [
    ['bad-array.json', '[{"user": "a"},', /not a valid JSON array/],
    ['bad-line.jsonl', '{"user":"a"}\n{"user":\n', /line 2 is not valid JSON/],
    ['empty.jsonl', '\n\n', /holds no events/],
    ['scalar.json', '[1, 2]', /event 1 must be a JSON object/],
  ];
  for (const [name, text, message] of cases) {
    assert.throws(() => readEventsFile(file(name, text)), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'));
  }
  assert.throws(() => readEventsFile(join(dir, 'missing.json')), /cannot be read \(ENOENT\)/);
});
