import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';

// A run of 2 modes × 6 levels × 5 trials renders in under 2 seconds.
test('writeReport renders 2 modes × 6 levels × 5 trials in under 2 s', async () => {
  const run = buildRunFixture({ concurrency: [1, 2, 4, 8, 16, 32], trials: 5, samplesPerTrial: 2000 });
  assert.equal(run.levels.length, 12);
  const dir = runDirWith(run);
  const startedMs = performance.now();
  const { htmlPath } = await writeReport(dir);
  const elapsedMs = performance.now() - startedMs;
  assert.ok(elapsedMs < 2000, `writeReport took ${elapsedMs.toFixed(0)} ms`);
  assert.ok(statSync(htmlPath).size > 800_000, 'the page holds the inlined bundles');
});
