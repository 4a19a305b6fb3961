// `safety --events` with 10,000 events started 20,000 fresh environments with no cap, estimate
// or progress. Over the stated cap (100) it is refused in one line before anything starts (under
// it, the estimate comes first: safety-estimate-comes-first.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { maxSafetyEvents } from '../../runner/cli/commands/safety.ts';
import { tempDir } from './cli.ts';

const event = (i: number): string => JSON.stringify({ customer: { id: `c-${i}` }, amount: i });

test('10,000 events are refused in one line, naming the cap', { timeout: 60_000 }, async () => {
  const dir = tempDir('safety-many-events');
  const events = join(dir, 'events.jsonl');
  writeFileSync(events, Array.from({ length: 10_000 }, (_, i) => event(i)).join('\n') + '\n');
  const started = Date.now();
  const result = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'safety', '--workload', 'io-bound', '--events', events, '--out', join(dir, 'results')]);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, new RegExp(`holds 10000 events; safety takes at most ${maxSafetyEvents} \\(each runs alone twice in a fresh environment, so 10000 would start 20000 environments\\)`));
  assert.ok(Date.now() - started < 20_000, 'refused before starting');
});
