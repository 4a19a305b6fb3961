// test-lane: concurrent: asserts a page's content, from fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeReport } from '../../reports/write-report.ts';
import { decodeDistribution } from '../../reports/distribution.ts';
import { formatRps } from '../../reports/format.ts';
import { levelKey } from '../../reports/model.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from '../reports/helpers.ts';
import { artifactPath, countMarks, launch, openReport, skipReason, watch } from './browser.ts';

const run = buildRunFixture({
  concurrency: [1, 4, 16, 64],
  trials: 2,
  samplesPerTrial: 400,
  lmiSettings: [{ maxConcurrency: 16, gibPerVcpu: 2 }, { maxConcurrency: 64, gibPerVcpu: 4 }],
  unmeasured: [{ mode: 'lambda', concurrency: 256, state: 'skipped', reason: 'above the account concurrency limit' }],
});

test('report.html renders every chart offline, without errors, and shows the crossover of run.json', { skip: skipReason, timeout: 180_000 }, async () => {
  const { htmlPath } = await writeReport(runDirWith(run));
  const browser = await launch();
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, colorScheme });
      const seen = watch(page);
      await openReport(page, htmlPath);

      const chartIds = await page.$$eval('.chart', (nodes) => nodes.map((node) => node.id));
      assert.deepEqual(chartIds, ['chart-cost', 'chart-monthly', 'chart-latency', 'chart-duration', 'chart-throughput', 'chart-capacity', 'chart-distribution', 'chart-settings']);
      assert.equal(await page.getAttribute('body', 'data-charts-rendered'), String(chartIds.length));
      for (const id of chartIds) assert.ok((await countMarks(page, id)) > 0, `${id} has no marks (${colorScheme})`);
      // 3 variants × 4 levels: 12 points in each of the 3 latency panels.
      assert.equal(await page.$$eval('#chart-latency svg .mark-symbol.role-mark > *', (n) => n.length), 36);

      const shown = await page.$$eval('[data-crossover-rps]', (nodes) => nodes.map((n) => ({ value: Number(n.getAttribute('data-crossover-rps')), text: n.textContent })));
      const expected = run.crossover?.requestsPerSecond ?? [];
      assert.ok(expected.length > 0, 'the fixture has a crossover');
      assert.ok(shown.every((entry) => expected.includes(entry.value)), 'every crossover on the page is one of run.json');
      for (const rps of expected) {
        const matches = shown.filter((entry) => entry.value === rps);
        assert.ok(matches.length >= 2, `crossover ${rps} appears in the verdict and the cost section`);
        for (const match of matches) assert.equal(match.text, `${formatRps(rps)} req/s`);
        assert.ok((await page.textContent('#chart-cost svg')) ?.includes(`${formatRps(rps)} req/s`), 'the crossover rule is labelled');
      }

      // Standard Lambda's duration, measured and modelled, side by side: 2 bars for each of its 4 levels.
      assert.equal(await page.$$eval('#chart-duration svg .mark-rect.role-mark > *', (n) => n.length), 8);

      // The level selector redraws the distribution with that level's own bins.
      const other = run.levels.find((level) => level.state === 'measured' && level.mode === 'lambda' && level.concurrency === 1);
      assert.ok(other && other.state === 'measured');
      await page.selectOption('#chart-distribution select', levelKey(other));
      const bins = decodeDistribution(other.histogram).bins.length;
      await page.waitForFunction((n) => document.querySelectorAll('#chart-distribution svg .mark-rect.role-mark > *').length === n, bins, { timeout: 10_000 });

      // Points of different variants overlap at low concurrency: whichever is on top answers the hover.
      await page.locator('#chart-throughput svg .mark-symbol.role-mark path').last().hover({ force: true });
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10_000 });
      assert.match((await page.textContent('#vg-tooltip-element')) ?? '', /Throughput \(req\/s\)/);

      assert.match((await page.getAttribute('#download-run', 'href')) ?? '', /^blob:/);
      await page.screenshot({ path: artifactPath(`report-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(seen.consoleErrors, [], `console errors (${colorScheme})`);
      assert.deepEqual(seen.foreignRequests, [], `requests other than file:, data:, blob: (${colorScheme})`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
