// run.json is written atomically and read back with its schema version checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRunFile } from '../../runner/run/write-run.ts';
import { readRunFile } from '../../runner/run/read-run.ts';
import { schemaVersion, type RunFile } from '../../runner/run/run-file.ts';
import { UsageError } from '../../runner/errors.ts';
import { machineInfo } from '../../runner/system/machine.ts';
import { planJsonFixture } from '../fixtures/plan-json.ts';
import { testTempDir } from '../temp-dir.ts';

async function sampleRun(): Promise<RunFile> {
  return {
    schemaVersion,
    runId: 'r1',
    status: 'complete',
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(1000).toISOString(),
    tool: { name: 'lmi-bench', version: '0.1.0' },
    machine: await machineInfo(),
    workload: { name: 'w', runtime: 'node', description: '', kind: 'io' },
    target: 'local',
    plan: planJsonFixture({ concurrency: [1] }),
    levels: [{ mode: 'lambda', variantId: 'lambda-m1024', settings: { memoryMb: 1024 }, concurrency: 1, state: 'failed', reason: 'x' }],
    crossover: null,
    prices: null,
  };
}

test('writeRunFile writes run.json whole, leaves no temp file, and readRunFile reads it back', async () => {
  const dir = join(testTempDir('lmi-bench-run-'), 'nested', 'r1');
  const run = await sampleRun();
  const path = await writeRunFile(dir, run);
  assert.equal(path, join(dir, 'run.json'));
  assert.deepEqual(readdirSync(dir), ['run.json']);
  assert.deepEqual(readRunFile(path), run);
  assert.deepEqual(readRunFile(dir), run, 'a folder path works too');
  assert.ok(run.machine.cpus >= 1 && run.machine.memoryGiB > 0 && run.machine.node === process.versions.node);
});

test('readRunFile rejects a wrong schema version, bad JSON and a missing file with a UsageError', async () => {
  const dir = testTempDir('lmi-bench-run-');
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ ...(await sampleRun()), schemaVersion: 2 }));
  assert.throws(() => readRunFile(wrong), (e: unknown) => e instanceof UsageError && /schemaVersion 2/.test(e.message));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"schemaVersion": 1,');
  assert.throws(() => readRunFile(bad), (e: unknown) => e instanceof UsageError && /not valid JSON/.test(e.message));
  assert.throws(() => readRunFile(join(dir, 'none.json')), UsageError);
  assert.equal(readFileSync(wrong, 'utf8').length > 0, true);
});
