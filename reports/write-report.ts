/** Renders report.html and summary.md beside a run's run.json. */
import { dirname, join, relative } from 'node:path';
import { readLatestSafety } from '../runner/safety/latest-result.ts';
import { safetyGate } from '../runner/safety/gate.ts';
import type { ReportSafety } from './safety-panel.ts';
import { writeFileAtomic } from '../runner/system/write-file-atomic.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { readRunFile } from '../runner/run/read-run.ts';

export async function writeReport(runDir: string): Promise<{ htmlPath: string; markdownPath: string; safety: ReportSafety }> {
  const run = readRunFile(runDir, { label: 'run folder' });
  // `lmi-bench safety` keeps its last result of this workload next to the runs (same --out).
  const check = readLatestSafety(dirname(runDir), run.workload.name, run.workload.runtime);
  const safety: ReportSafety = {
    gate: safetyGate(check, `lmi-bench safety --workload ${run.workload.name} --runtime ${run.workload.runtime}`),
    findingsHref: check ? relative(runDir, check.path) : null,
  };
  // Render both before writing either, so a rendering failure leaves no new file behind.
  const html = renderHtml(run, safety);
  const markdown = renderMarkdown(run, safety);
  const htmlPath = join(runDir, 'report.html');
  const markdownPath = join(runDir, 'summary.md');
  await writeFileAtomic(htmlPath, html);
  await writeFileAtomic(markdownPath, markdown);
  return { htmlPath, markdownPath, safety };
}
