import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { latestSafetyPath } from '../../runner/safety/latest-result.ts';
import { writeReport } from '../../reports/write-report.ts';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runInResults(): { results: string; runDir: string; name: string; runtime: string } {
  const results = mkdtempSync(join(tmpdir(), 'lmi-bench-results-'));
  made.push(results);
  const run = buildRunFixture({ trials: 1, samplesPerTrial: 50 });
  const runDir = join(results, run.runId);
  mkdirSync(runDir);
  writeFileSync(join(runDir, 'run.json'), JSON.stringify(run));
  return { results, runDir, name: run.workload.name, runtime: run.workload.runtime };
}

test("the workload section names the workload's last safety check, read from <results>/safety/", async () => {
  const { results, runDir, name, runtime } = runInResults();
  const path = latestSafetyPath(results, name, runtime);
  mkdirSync(join(results, 'safety'));
  writeFileSync(path, JSON.stringify({ seed: 42, startedAt: '2026-12-01T15:00:00.000Z', counts: { errors: 1, warnings: 2 } }));
  await writeReport(runDir);
  const line = 'checked with `lmi-bench safety`: 3 findings (1 error, 2 warnings), seed 42, 2026-12-01';
  assert.ok(readFileSync(join(runDir, 'summary.md'), 'utf8').includes(`Safety: ${line}`));
  assert.ok(readFileSync(join(runDir, 'report.html'), 'utf8').includes(`<dt>Safety</dt><dd>${line}</dd>`));
});

test('without a safety check the report says so and names the command', async () => {
  const { runDir } = runInResults();
  await writeReport(runDir);
  assert.match(readFileSync(join(runDir, 'summary.md'), 'utf8'), /Safety: not checked with `lmi-bench safety` yet/);
});
