// `safety --events` with 10,000 events started 20,000 fresh environments with no cap, estimate
// or progress. Over the stated cap (100) it is refused in one line before anything starts; under
// it, the first lines say how many fresh environments and rounds the run will take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
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
