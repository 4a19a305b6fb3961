// test-lane: concurrent: asserts a page's layout, from fixtures.
/**
 * report.html shows the safety result as a first-class panel above the verdict, coloured by
 * severity: red when the last check found errors, green when it found nothing. Rendered in
 * Chromium from a real run, in a temporary folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from '../../reports/html.ts';
import type { RunFile } from '../../runner/run/run-file.ts';
import { safetyGate } from '../../runner/safety/gate.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';
import { testTempDir } from '../temp-dir.ts';

const run = JSON.parse(readFileSync(new URL('../fixtures/reports/io-bound-local-run.json', import.meta.url), 'utf8')) as RunFile;
const check = (errors: number) => ({ findings: errors, errors, warnings: 0, seed: 1, checkedAt: '2026-12-07T03:00:00.000Z', path: '/r/safety/io-bound-node.json', mainCause: errors > 0 ? { cause: 'module.currentUser', count: errors, severity: 'error' as const } : null });

test('the safety panel sits above the verdict, red for errors and green for a clean check', { skip: skipReason, timeout: 120_000 }, async () => {
  const dir = testTempDir('lmi-bench-safety-panel-');
  const browser = await launch();
  try {
    const colours: Record<string, string> = {};
    for (const [name, errors] of [['unsafe', 216], ['clear', 0]] as const) {
      const path = join(dir, `${name}.html`);
      writeFileSync(path, renderHtml(run, { gate: safetyGate(check(errors), 'lmi-bench safety --workload io-bound'), findingsHref: null }));
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
      const seen = watch(page);
      await openReport(page, path);
      const panel = await page.locator('#safety-panel').boundingBox();
      const verdict = await page.locator('#verdict').boundingBox();
      assert.ok(panel && verdict && panel.height > 20 && panel.y + panel.height <= verdict.y, `${name}: panel ${JSON.stringify(panel)} above verdict ${JSON.stringify(verdict)}`);
      colours[name] = await page.$eval('#safety-panel', (node) => getComputedStyle(node).backgroundColor);
      assert.deepEqual(seen.consoleErrors, []);
      await page.close();
    }
    assert.equal(colours['unsafe'], 'rgb(253, 226, 225)', 'red');
    assert.equal(colours['clear'], 'rgb(227, 244, 228)', 'green');
  } finally {
    await browser.close();
  }
});
