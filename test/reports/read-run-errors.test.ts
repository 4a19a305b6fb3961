import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../runner/errors.ts';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';

async function usageMessage(runDir: string): Promise<string> {
  try {
    await writeReport(runDir);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/);
    return error.message;
  }
  assert.fail('writeReport accepted a bad run folder');
}

test('a missing folder, a folder without run.json, bad JSON and another schema are each one clear line, and nothing is written', async () => {
  assert.match(await usageMessage(join(tmpdir(), 'lmi-bench-no-such-run')), /^run folder not found: /);
  const empty = mkdtempSync(join(tmpdir(), 'lmi-bench-report-'));
  assert.match(await usageMessage(empty), /^no run\.json in /);

  const broken = runDirWith('{"schemaVersion": 1, "levels": [');
  assert.match(await usageMessage(broken), /run\.json is not valid JSON: /);
  assert.equal(existsSync(join(broken, 'report.html')), false);

  const future = runDirWith(JSON.stringify({ ...buildRunFixture({ trials: 1, samplesPerTrial: 10 }), schemaVersion: 2 }));
  assert.match(await usageMessage(future), /schemaVersion 2 is not supported \(this version reads 1\)/);

  const badLevel = buildRunFixture({ trials: 1, samplesPerTrial: 10 }) as unknown as { levels: Array<Record<string, unknown>> };
  badLevel.levels[0] = { ...badLevel.levels[0], state: 'exploded' };
  assert.match(await usageMessage(runDirWith(JSON.stringify(badLevel))), /levels\[0\]\.state must be measured, failed or skipped/);
  assert.equal(existsSync(join(future, 'summary.md')), false);
});
