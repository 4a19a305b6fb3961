// test-lane: concurrent: asserts a page's content and layout, from fixtures.
/**
 * The report's cost chart shades the range of rates actually measured (outside it the curves
 * are the model alone), the cost section says where the crossover lies against it and gives it
 * in requests a month. The run is a real one (the one the README's picture shows, written by
 * `npm run docs:screenshot`): `npm run bench -- --traffic constant:50` on the local engine (test/fixtures/reports/
 * io-bound-local-run.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeReport } from '../../reports/write-report.ts';
import { formatRps } from '../../reports/format.ts';
import { measuredRange } from '../../reports/verdict.ts';
import type { RunFile } from '../../runner/run/run-file.ts';
import { runDirWith } from '../reports/helpers.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';

const runText = readFileSync(new URL('../fixtures/reports/io-bound-local-run.json', import.meta.url), 'utf8');

test('the cost chart shades the measured range and the cost section places the crossover against it', { skip: skipReason, timeout: 180_000 }, async () => {
  const run = JSON.parse(runText) as RunFile;
  const range = measuredRange(run);
  assert.ok(range, 'the run measured levels');
  const { htmlPath } = await writeReport(runDirWith(runText));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, colorScheme: 'light' });
    const seen = watch(page);
    await openReport(page, htmlPath);

    // One band, the only rect of the cost chart, spanning the measured rates (its tooltip says which).
    const bands = page.locator('#chart-cost svg .mark-rect.role-mark > path');
    assert.equal(await bands.count(), 1);
    const box = await bands.first().boundingBox();
    const chart = await page.locator('#chart-cost svg.marks').boundingBox();
    assert.ok(box && chart && box.width > 20 && box.width < chart.width * 0.8, `band ${JSON.stringify(box)} in chart ${JSON.stringify(chart)}`);
    await bands.first().hover({ force: true });
    await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10_000 });
    const tooltip = (await page.textContent('#vg-tooltip-element')) ?? '';
    assert.match(tooltip, new RegExp(`Measured from \\(req/s\\)\\s*${range.minRps.toFixed(2)}`));
    assert.match(tooltip, new RegExp(`Measured up to \\(req/s\\)\\s*${range.maxRps.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`));

    const measured = (await page.textContent('#measured-range')) ?? '';
    assert.match(measured, new RegExp(`Measured from ${formatRps(range.minRps)} to ${formatRps(range.maxRps)} req/s`));
    assert.match((await page.textContent('#crossovers')) ?? '', /req\/s \([\d,]+ requests a month\)/);

    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await browser.close();
  }
});
