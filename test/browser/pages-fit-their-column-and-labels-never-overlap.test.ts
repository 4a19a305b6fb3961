// test-lane: concurrent: asserts a page's layout, from fixtures.
/**
 * Reports read at a glance: on the bench report of a measured sweep, the advise page of one
 * function and the --all-functions page, no element sticks out of the 1,080 px column and no two
 * chart labels intersect. The checker itself is shown failing once, on a table made too wide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../../reports/write-report.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from '../reports/helpers.ts';
import { advise } from '../../runner/advise/model.ts';
import { adviceHtml, rankingHtml } from '../../runner/advise/html.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { options, snapshotPrices, whatIf } from '../advise/support.ts';
import { launch, openReport, skipReason } from './browser.ts';
import { overflowingElements, overlappingLabels } from './layout.ts';
import { testTempDir } from '../temp-dir.ts';

const viewport = { width: 1200, height: 900 };

async function pages(): Promise<Array<{ name: string; path: string }>> {
  const run = buildRunFixture({ concurrency: [1, 4, 16, 64], trials: 2, samplesPerTrial: 200, lmiSettings: [{ maxConcurrency: 16, gibPerVcpu: 2 }, { maxConcurrency: 64, gibPerVcpu: 4 }] });
  const { htmlPath } = await writeReport(runDirWith(run));
  const prices = await snapshotPrices();
  const dir = testTempDir('lmi-bench-layout-');
  // Traffic near the break-even puts "your traffic" and "break-even" rules side by side.
  const near = advise(whatIf({ cpuMsPerRequest: null, name: 'resize', runtime: 'nodejs22.x' }), constantProfile(60), options(), prices);
  const nearEven = near.breakEvenRequestsPerSecond ?? 60;
  const tight = advise(whatIf({ cpuMsPerRequest: 10, name: 'resize', runtime: 'nodejs22.x' }), constantProfile(nearEven * 1.05), options(), prices);
  writeFileSync(join(dir, 'one.html'), adviceHtml(tight));
  writeFileSync(join(dir, 'unknown-cpu.html'), adviceHtml(near));
  const rows = [
    { state: 'advised' as const, name: 'a-function-with-a-rather-long-name-for-the-table', advice: near },
    { state: 'advised' as const, name: 'resize', advice: tight },
  ];
  writeFileSync(join(dir, 'all.html'), rankingHtml(rows));
  return [
    { name: 'bench report', path: htmlPath },
    { name: 'advise, traffic near the break-even', path: join(dir, 'one.html') },
    { name: 'advise, CPU unknown', path: join(dir, 'unknown-cpu.html') },
    { name: 'advise --all-functions', path: join(dir, 'all.html') },
  ];
}

test('every page fits the column and no two chart labels intersect', { skip: skipReason, timeout: 240_000 }, async () => {
  const browser = await launch();
  try {
    for (const { name, path } of await pages()) {
      const page = await browser.newPage({ viewport });
      await openReport(page, path);
      assert.deepEqual(await overflowingElements(page), [], `${name}: overflowing elements`);
      assert.deepEqual(await overlappingLabels(page), [], `${name}: overlapping labels`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

test('the checker fails on a table wider than the column and on two labels drawn at one place', { skip: skipReason, timeout: 120_000 }, async () => {
  const dir = testTempDir('lmi-bench-layout-bad-');
  const advice = advise(whatIf({ name: 'wide' }), constantProfile(10), options(), await snapshotPrices());
  const wide = `<table id="too-wide"><tr>${Array.from({ length: 30 }, (_, i) => `<td style="white-space:nowrap">column-number-${i}</td>`).join('')}</tr></table>`;
  writeFileSync(join(dir, 'bad.html'), adviceHtml(advice).replace('</header>', `</header>${wide}`));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport });
    await openReport(page, join(dir, 'bad.html'));
    const overflowing = await overflowingElements(page);
    assert.ok(overflowing.some((line) => line.startsWith('table#too-wide')), overflowing.join('\n'));
    // Two copies of one label at the same place.
    await page.evaluate(() => {
      const text = Array.from(document.querySelectorAll('.chart svg .mark-text text')).find((node) => (node.textContent ?? '').trim() !== '');
      if (text) text.parentNode?.appendChild(text.cloneNode(true));
    });
    const overlapping = await overlappingLabels(page);
    assert.ok(overlapping.length > 0, 'a label drawn twice at one place is found');
  } finally {
    await browser.close();
  }
});
