/**
 * Debian's Chromium driven by playwright-core for the report's browser tests. Never downloads
 * a browser: where /usr/bin/chromium is missing the tests skip with one line saying so.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** LMI_BENCH_CHROMIUM points elsewhere (another distribution's path); never a downloaded browser. */
export const chromiumPath = process.env['LMI_BENCH_CHROMIUM'] ?? '/usr/bin/chromium';
export const skipReason = existsSync(chromiumPath) ? false : `Chromium not found at ${chromiumPath} (apt-get install chromium, or set LMI_BENCH_CHROMIUM): browser tests skipped`;
export const artifactsDir = new URL('../../test-artifacts/', import.meta.url).pathname;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
  dialogs: string[];
}

/** Records console errors, page errors, dialogs and every request that is not file:, data: or blob:. */
export function watch(page: Page): PageWatch {
  const seen: PageWatch = { consoleErrors: [], foreignRequests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(error.message));
  page.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) seen.foreignRequests.push(request.url());
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

/** Opens a report from file:// and waits until the page says every chart is drawn. */
export async function openReport(page: Page, htmlPath: string): Promise<void> {
  await page.goto(`file://${htmlPath}`);
  await page.waitForSelector('body[data-charts-rendered]', { timeout: 60_000 });
}

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return `${artifactsDir}${name}`;
}

/** Data marks (not axes, legends or titles) drawn inside one chart container. */
export function countMarks(page: Page, containerId: string): Promise<number> {
  return page.$$eval(`#${containerId} svg .role-mark > *`, (nodes) => nodes.length);
}
