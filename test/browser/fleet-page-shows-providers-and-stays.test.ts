// test-lane: concurrent: asserts a page's content and layout, from fixtures.
/**
 * The fleet page (`advise --what-if FILE.csv --html`) renders offline with no console error: the
 * fleet against standard Lambda first, the provider's members with their shares, and each
 * function that stays with its reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFleet } from '../../runner/advise/fleet.ts';
import { fleetHeadline, fleetHtml } from '../../runner/advise/fleet-render.ts';
import { parseFleetCsv } from '../../runner/cli/fleet-csv.ts';
import { formatUsd } from '../../reports/format.ts';
import { snapshotPrices } from '../advise/support.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';
import { testTempDir } from '../temp-dir.ts';

const csv = `name,rps,duration_ms,memory_mb,arch,cpu_share,runtime
orders,22.83,200,1024,arm64,0.1,nodejs22.x
payments,22.83,200,1024,arm64,0.1,nodejs22.x
cron,0,200,1024,arm64,0.1,nodejs22.x
`;

test('the fleet page shows the fleet beside standard Lambda, the members and why one stays', { skip: skipReason, timeout: 120_000 }, async () => {
  // No per-instance reservation (--instance-reserve-vcpu 0 --instance-reserve-gib 0), as in the fleet
  // grouping test whose two functions this page shows: there they are cheaper on LMI only together.
  const options = { region: 'us-east-1', lmiDiscount: 0, lambdaDiscount: 0, freeTier: false, reservation: { vcpus: 0, memoryGiB: 0 } };
  const fleet = adviseFleet(parseFleetCsv(csv, 'fleet.csv'), options, await snapshotPrices());
  const htmlPath = join(testTempDir('lmi-bench-fleet-html-'), 'fleet.html');
  writeFileSync(htmlPath, fleetHtml(fleet));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const seen = watch(page);
    await openReport(page, htmlPath);
    assert.equal(await page.textContent('#fleet-verdict'), fleetHeadline(fleet));
    assert.ok((await page.textContent('#fleet-verdict'))?.includes(formatUsd(fleet.lambdaUsdPerMonth)));
    const members = await page.$$eval('#fleet-provider-1 tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent));
    assert.deepEqual(members, ['orders', 'payments']);
    const stays = await page.$$eval('#fleet-staying tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)));
    assert.equal(stays.length, 1);
    assert.equal(stays[0]?.[0], 'cron');
    assert.match(stays[0]?.[2] ?? '', /^No traffic/);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await browser.close();
  }
});
