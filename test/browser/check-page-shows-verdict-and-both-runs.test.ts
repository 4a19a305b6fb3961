// test-lane: concurrent: asserts a page's content and layout, from fixtures.
/**
 * `check --html` writes a self-contained page: the verdict first, both runs' figures level by
 * level side by side (latency and cost), the regressed level marked; offline, no console error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { level, logNormalMs, run } from '../analysis/constructed.ts';
import type { RunFile } from '../../runner/run/run-file.ts';
import { launch, openReport, skipReason, watch } from './browser.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;

function saved(dir: string, file: RunFile): string {
  const folder = join(dir, file.runId);
  mkdirSync(folder);
  writeFileSync(join(folder, 'run.json'), JSON.stringify(file));
  return folder;
}

/** Two levels; the candidate's concurrency-32 level is 30% slower (and so costs 30% more on Lambda). */
function runs(dir: string): { baseline: string; candidate: string } {
  const levelAt = (concurrency: number, medianMs: number, seed: number, usdPerMillionRequests: number) =>
    level([0, 1, 2].map((t) => logNormalMs(400, medianMs, seed + t)), {
      mode: 'lambda', variantId: 'lambda', settings: { memoryMb: 1024 }, concurrency, cost: { usdPerMillionRequests, usdPerHour: 1 },
    } as never);
  const baseline = run('base-run', [levelAt(8, 80, 10, 1.5), levelAt(32, 90, 20, 1.7)]);
  const candidate = run('cand-run', [levelAt(8, 80, 10, 1.5), levelAt(32, 117, 20, 2.21)]);
  return { baseline: saved(dir, baseline), candidate: saved(dir, candidate) };
}

test('check --html puts the verdict first and both runs side by side, marking the regressed level', { skip: skipReason, timeout: 120_000 }, async () => {
  const dir = testTempDir('lmi-bench-check-html-');
  const { baseline, candidate } = runs(dir);
  const htmlPath = join(dir, 'check.html');
  const env = { ...process.env };
  delete env['GITHUB_STEP_SUMMARY'];
  const cli = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'check', '--baseline', baseline, '--candidate', candidate, '--html', htmlPath, '--iterations', '500'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(readFileSync(htmlPath, 'utf8'), /^<!doctype html>/);

  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const seen = watch(page);
    await openReport(page, htmlPath);
    assert.equal(await page.getAttribute('body', 'data-charts-rendered'), '1');
    // The verdict is the first thing after the title.
    const first = await page.$eval('main', (main) => main.children[1]?.id);
    assert.equal(first, 'verdict');
    assert.match((await page.textContent('#verdict')) ?? '', /^\d+ regressed/);
    assert.equal(await page.textContent('#baseline-run'), 'base-run');
    assert.equal(await page.textContent('#candidate-run'), 'cand-run');

    const statuses = await page.$$eval('#check-levels tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-level'), r.getAttribute('data-status')]));
    assert.deepEqual(statuses, [['lambda|8', 'unchanged'], ['lambda|32', 'regressed']]);
    // Both runs' figures: the cost cell shows the baseline's and the candidate's value.
    const cost = await page.$eval('#check-levels tr[data-level="lambda|32"] td[data-metric="cost"]', (td) => ({ base: td.querySelector('.base')?.textContent, cand: td.querySelector('.cand')?.textContent, status: td.getAttribute('data-status') }));
    assert.deepEqual(cost, { base: '$1.700', cand: '$2.210', status: 'regressed' });
    const p50 = await page.$eval('#check-levels tr[data-level="lambda|32"] td[data-metric="p50"]', (td) => ({ base: Number.parseFloat(td.querySelector('.base')?.textContent ?? ''), cand: Number.parseFloat(td.querySelector('.cand')?.textContent ?? ''), text: td.textContent }));
    assert.ok(Math.abs(p50.cand / p50.base - 1.3) < 0.08, JSON.stringify(p50));
    assert.match(p50.text ?? '', /▲ regressed/);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await browser.close();
  }
});
