// test-lane: concurrent: asserts exit codes and messages.
// Bad input exits 2 with one line on stderr, before anything runs or is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSafetyCli, safetyFixtures, tempDir } from './cli.ts';

const safe = `${safetyFixtures}order-safe`;
const eventsDir = tempDir('safety-events');

function writeEvents(name: string, text: string): string {
  writeFileSync(join(eventsDir, name), text);
  return join(eventsDir, name);
}

test('missing workload, malformed --events, concurrency 0 and friends: exit 2, one line, nothing written', async () => {
  const malformed = writeEvents('truncated.json', '[{"customer": {"id": "a"}, "items": [');
  const cases: [string[], RegExp][] = [
    [[], /safety needs --workload/],
    [['--workload', 'no-such-workload'], /unknown workload 'no-such-workload'/],
    [['--workload', './no/such/folder'], /workload folder not found/],
    [['--workload', safe, '--events', 'missing.jsonl'], /--events missing\.jsonl cannot be read/],
    [['--workload', safe, '--events', malformed], /is not a valid JSON array/],
    [['--workload', safe, '--concurrency', '0'], /--concurrency must be a whole number from 1 to 1600, got '0'/],
    [['--workload', safe, '--runtime', 'python'], /has no python handler/],
    [['--workload', safe, '--rounds', 'many'], /--rounds must be a whole number/],
  ];
  for (const [args, message] of cases) {
    const run = await runSafetyCli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line for ${args.join(' ')}: ${run.stderr}`);
    assert.match(lines[0] ?? '', message);
    assert.equal(run.stdout, '');
    assert.equal(existsSync(join(run.dir, 'result.json')), false);
    assert.equal(existsSync(join(run.dir, 'results')), false);
  }
});

test('a malformed JSON-lines --events names the line', async () => {
  const run = await runSafetyCli(['--workload', safe, '--events', writeEvents('events.jsonl', '{"customer":{"id":"a"},"items":[]}\n{"customer":\n')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /line 2 is not valid JSON/);
});
