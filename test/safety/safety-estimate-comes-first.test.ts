// test-lane: concurrent: asserts the estimate line on stderr, nothing about time.
// `safety --events` under the cap (100 events) says first how many fresh environments and rounds
// the run will take, before any of them starts (over the cap: many-events-capped-with-an-estimate.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot } from '../cli/spawn-cli.ts';
import { tempDir } from './cli.ts';

const event = (i: number): string => JSON.stringify({ customer: { id: `c-${i}` }, amount: i });

test('under the cap, the estimate comes first', { timeout: 90_000 }, async () => {
  const dir = tempDir('safety-estimate');
  const events = join(dir, 'events.jsonl');
  writeFileSync(events, Array.from({ length: 3 }, (_, i) => event(i)).join('\n') + '\n');
  const child = spawn(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'safety', '--workload', 'io-bound', '--events', events, '--rounds', '2', '--concurrency', '4', '--out', join(dir, 'results')], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (/running each of/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    child.on('close', () => resolve());
  });
  assert.match(stderr, /lmi-bench safety: 3 events: 6 lone runs in fresh environments, then 2 rounds of up to 4 at once/);
});
