// test-lane: concurrent: asserts a page's content, from fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeReport } from '../../reports/write-report.ts';
import { formatRps } from '../../reports/format.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from '../reports/helpers.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';

test('report.html states the break-even range with both ends tagged and both instance types named', { skip: skipReason, timeout: 120_000 }, async () => {
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 100 });
  assert.ok(run.crossover);
  const range = { lowRequestsPerSecond: 70.2, highRequestsPerSecond: 140.4, lowInstanceType: 'm6a.large', highInstanceType: 'c7a.2xlarge' };
  run.crossover.range = range;
  const { htmlPath } = await writeReport(runDirWith(run));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const seen = watch(page);
    await openReport(page, htmlPath);
    const ends = await page.$$eval('[data-range-rps]', (nodes) => nodes.map((n) => ({ value: Number(n.getAttribute('data-range-rps')), text: n.textContent })));
    assert.deepEqual(ends, [
      { value: range.lowRequestsPerSecond, text: formatRps(range.lowRequestsPerSecond) },
      { value: range.highRequestsPerSecond, text: formatRps(range.highRequestsPerSecond) },
    ]);
    const body = (await page.textContent('body')) ?? '';
    // The range once, then the fixture's traffic month at the low end (the run has no month on the high end's type), then how to narrow it.
    assert.match(body, /LMI is cheaper above 70\.2–140 req\/s, depending on the instance type Lambda picks \(m6a\.large at the low end, c7a\.2xlarge at the high end\); at your traffic profile \(constant 50 req\/s\) LMI (saves|costs) \$[\d,.]+ a month[^;]* on m6a\.large; --instance-types narrows the choice/);
    assert.deepEqual(seen.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
