/**
 * `npm run docs:screenshot`: the README's picture (docs/report.png), written on purpose and only
 * here, never as a side effect of the tests. It renders report.html of a real run (by default the
 * committed local-engine run test/fixtures/reports/io-bound-local-run.json, from
 * `npm run bench -- --traffic constant:50`) in Chromium and keeps the page from its top to the
 * bottom of the cost chart: the verdict and the chart with the measured range shaded.
 *
 *   npm run docs:screenshot                                  # rewrites docs/report.png
 *   npm run docs:screenshot -- --run results/X/run.json --out /tmp/report.png
 *
 * Chromium is the system's (/usr/bin/chromium, or LMI_BENCH_CHROMIUM); none is downloaded.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../reports/write-report.ts';
import { errorMessage } from '../runner/system/error-message.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultRunPath = join(root, 'test/fixtures/reports/io-bound-local-run.json');
export const defaultOutPath = join(root, 'docs/report.png');
const viewport = { width: 1200, height: 1000 };

export interface ScreenshotOptions {
  /** The run.json whose report is pictured. */
  runPath: string;
  /** Where the PNG is written. */
  outPath: string;
  chromiumPath?: string;
}

/** Renders the run's report and writes the README's picture of it; returns the picture's height in pixels. */
export async function writeReportScreenshot(options: ScreenshotOptions): Promise<{ heightPx: number }> {
  const executablePath = options.chromiumPath ?? process.env['LMI_BENCH_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium, or set LMI_BENCH_CHROMIUM)`);
  const runDir = mkdtempSync(join(tmpdir(), 'lmi-bench-screenshot-'));
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    copyFileSync(options.runPath, join(runDir, 'run.json'));
    const { htmlPath } = await writeReport(runDir);
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    await page.goto(`file://${htmlPath}`);
    await page.waitForSelector('body[data-charts-rendered]', { timeout: 60_000 });
    // From the top of the page to the bottom of the cost chart, in page coordinates.
    const chartBottom = await page.$eval('#chart-cost', (node) => node.getBoundingClientRect().bottom + window.scrollY);
    const heightPx = Math.ceil(chartBottom) + 16;
    await page.screenshot({ path: options.outPath, clip: { x: 0, y: 0, width: viewport.width, height: heightPx }, fullPage: true });
    return { heightPx };
  } finally {
    await browser.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

function flagValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((arg, i) => arg.startsWith('--') && !['--run', '--out'].includes(arg) && !['--run', '--out'].includes(argv[i - 1] ?? ''));
  if (unknown.length > 0) throw new Error(`unknown flag ${unknown[0]} (flags: --run RUN_JSON, --out PNG)`);
  const runPath = resolve(flagValue(argv, '--run') ?? defaultRunPath);
  const outPath = resolve(flagValue(argv, '--out') ?? defaultOutPath);
  const { heightPx } = await writeReportScreenshot({ runPath, outPath });
  process.stdout.write(`wrote ${outPath} (${viewport.width} × ${heightPx} px) from ${runPath}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`docs:screenshot: ${errorMessage(error)}\n`);
    process.exitCode = 2;
  });
}
