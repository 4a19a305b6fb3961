// test-lane: concurrent: asserts a page's content and layout, from fixtures.
/**
 * `advise --html` writes a page built from the report's components: it renders its cost chart
 * offline with no console errors and no request off the page, and shows the verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise } from '../../runner/advise/model.ts';
import { adviceHtml } from '../../runner/advise/html.ts';
import { verdictText } from '../../runner/advise/words.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { options, snapshotPrices, whatIf } from '../advise/support.ts';
import { countMarks, launch, openReport, skipReason, watch } from './browser.ts';
import { testTempDir } from '../temp-dir.ts';

test('the advise page renders its chart offline and shows the verdict', { skip: skipReason, timeout: 120_000 }, async () => {
  const advice = advise(whatIf({ cpuMsPerRequest: null }), constantProfile(200), options(), await snapshotPrices());
  const htmlPath = join(testTempDir('lmi-bench-advise-html-'), 'advice.html');
  writeFileSync(htmlPath, adviceHtml(advice));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const seen = watch(page);
    await openReport(page, htmlPath);
    assert.equal(await page.getAttribute('body', 'data-charts-rendered'), '1');
    assert.ok((await countMarks(page, 'chart-advise-cost')) > 0);
    assert.equal(await page.textContent('#verdict'), verdictText(advice));
    assert.equal(await page.$$eval('#advise-sensitivity tbody tr', (rows) => rows.length), 5);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await browser.close();
  }
});
