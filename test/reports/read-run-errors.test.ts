import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../runner/errors.ts';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

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
  assert.match(await usageMessage(join(tmpdir(), 'lmi-bench-no-such-run')), /^run folder .*lmi-bench-no-such-run not found$/);
  const empty = testTempDir('lmi-bench-report-');
  assert.match(await usageMessage(empty), /^run folder .* is a folder without run\.json$/);

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

test('a corrupted histogram is one line naming the file and the histogram, not a bare base64 error', async () => {
  for (const [data, cause] of [['HISTFAAAA!!!not-base64', /Length must be a multiple of 4/], [Buffer.from('valid base64, not a histogram').toString('base64'), /Encoding not supported/]] as const) {
    const run = buildRunFixture({ trials: 2, samplesPerTrial: 10 });
    const level = run.levels.find((l) => l.state === 'measured');
    assert.ok(level?.state === 'measured');
    const trial = level.trials[1];
    assert.ok(trial);
    trial.histogram = { ...trial.histogram, data };
    const dir = runDirWith(run);
    const message = await usageMessage(dir);
    assert.ok(message.startsWith(`${join(dir, 'run.json')} is not a valid lmi-bench run: levels[${run.levels.indexOf(level)}].trials[1].histogram is corrupted (`), message);
    assert.match(message, cause);
    assert.equal(existsSync(join(dir, 'report.html')), false);
  }
});
