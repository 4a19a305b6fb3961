import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';

test('writeReport replaces earlier reports in place and leaves no temp file behind', async () => {
  const dir = runDirWith(buildRunFixture({ trials: 1, samplesPerTrial: 50 }));
  writeFileSync(join(dir, 'report.html'), 'stale');
  writeFileSync(join(dir, 'summary.md'), 'stale');
  const paths = await writeReport(dir);
  assert.deepEqual({ htmlPath: paths.htmlPath, markdownPath: paths.markdownPath }, { htmlPath: join(dir, 'report.html'), markdownPath: join(dir, 'summary.md') });
  assert.deepEqual(readdirSync(dir).sort(), ['report.html', 'run.json', 'summary.md']);
  assert.match(readFileSync(paths.htmlPath, 'utf8'), /^<!doctype html>[\s\S]*<\/html>\n$/);
  assert.match(readFileSync(paths.markdownPath, 'utf8'), /^## lmi-bench: /);
});
