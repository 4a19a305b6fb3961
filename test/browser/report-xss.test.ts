// test-lane: concurrent: asserts that no script ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from '../reports/helpers.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';

const payload = '<img src=x onerror=alert(1)>';

test('a workload named like markup shows as text and runs nothing', { skip: skipReason, timeout: 120_000 }, async () => {
  const run = buildRunFixture({
    trials: 1,
    samplesPerTrial: 100,
    workloadName: payload,
    description: '</script><script>window.__xss = 1</script>',
    unmeasured: [{ mode: 'lmi', concurrency: 64, state: 'failed', reason: '<svg onload="window.__xss = 2">' }],
    recommendation: { variantId: '<b onmouseover=alert(3)>x</b>', reason: '"><img src=y onerror=alert(4)>' },
  });
  const { htmlPath } = await writeReport(runDirWith(run));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.addInitScript(() => {
      window.alert = () => {
        (window as unknown as { __xss: number }).__xss = 99;
      };
    });
    await openReport(page, htmlPath);
    assert.equal(await page.textContent('#workload-name'), payload);
    assert.ok((await page.textContent('header'))?.includes('</script><script>window.__xss = 1</script>'));
    assert.ok((await page.textContent('#table-unmeasured'))?.includes('<svg onload="window.__xss = 2">'));
    assert.equal(await page.$$eval('img, main svg[onload], b[onmouseover]', (nodes) => nodes.length), 0);
    await page.hover('#recommendation');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.title(), `lmi-bench report: ${payload} (${run.runId})`);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await browser.close();
  }
});
