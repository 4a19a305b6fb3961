import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { latestSafetyPath } from '../../runner/safety/latest-result.ts';
import { writeReport } from '../../reports/write-report.ts';
import { testTempDir } from '../temp-dir.ts';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runInResults(): { results: string; runDir: string; name: string; runtime: string } {
  const results = testTempDir('lmi-bench-results-');
  made.push(results);
  const run = buildRunFixture({ trials: 1, samplesPerTrial: 50 });
  const runDir = join(results, run.runId);
  mkdirSync(runDir);
  writeFileSync(join(runDir, 'run.json'), JSON.stringify(run));
  return { results, runDir, name: run.workload.name, runtime: run.workload.runtime };
}

test("the report leads with the workload's last safety check, read from <results>/safety/: errors are a red panel before the verdict", async () => {
  const { results, runDir, name, runtime } = runInResults();
  const path = latestSafetyPath(results, name, runtime);
  mkdirSync(join(results, 'safety'));
  writeFileSync(path, JSON.stringify({ seed: 42, startedAt: '2026-12-01T15:00:00.000Z', counts: { errors: 1, warnings: 2 } }));
  await writeReport(runDir);
  const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
  assert.match(summary, /^## .*\n\n\*\*NOT SAFE FOR LMI YET: the last `lmi-bench safety` check found 1 error \(seed 42, 2026-12-01\)/);
  const html = readFileSync(join(runDir, 'report.html'), 'utf8');
  assert.match(html, /<section class="safety-panel bad" id="safety-panel" data-severity="bad" data-state="unsafe">/);
  assert.ok(html.indexOf('id="safety-panel"') < html.indexOf('id="verdict"'));
  assert.match(html, new RegExp(`<a id="safety-findings" href="\\.\\./safety/${name}-${runtime}\\.json">`), 'links its findings');
});

test('without a safety check the report leads with "not checked" and names the command', async () => {
  const { runDir, name, runtime } = runInResults();
  await writeReport(runDir);
  assert.match(readFileSync(join(runDir, 'summary.md'), 'utf8'), new RegExp(`\\*\\*NOT CHECKED for LMI safety: .*run lmi-bench safety --workload ${name} --runtime ${runtime} before moving`));
  assert.match(readFileSync(join(runDir, 'report.html'), 'utf8'), /data-state="not-checked">\n<h2>Not checked for LMI safety<\/h2>/);
});
