// test-lane: serial: an A/A check of measured latency and throughput; load from other files reads as a regression.
// A/A: a baseline run, then `check --baseline` three times in a row, each measuring a fresh
// candidate with the baseline's plan through the bench command: identical settings pass (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, sharedBaseline, tempDir } from './support.ts';

test('identical settings pass the check three times in a row, the candidate measured by check itself', { timeout: 240_000 }, async () => {
  const out = tempDir();
  const baseline = await sharedBaseline(out, 'baseline');
  for (let round = 1; round <= 3; round += 1) {
    const result = await cli(['check', '--baseline', baseline, '--out', out]);
    assert.equal(result.code, 0, `round ${round}:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /\*\*no regression\*\*/);
    assert.doesNotMatch(result.stdout, /regressed \|/);
  }
  const candidates = readdirSync(out).filter((name) => name.startsWith('check-'));
  assert.equal(candidates.length, 3, 'each check measured and kept its own candidate run');
  for (const name of candidates) assert.ok(existsSync(join(out, name, 'run.json')));
});
