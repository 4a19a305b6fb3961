/** Renders report.html and summary.md beside a run's run.json. */
import { join } from 'node:path';
import { writeFileAtomic } from '../runner/system/write-file-atomic.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { readRunForReport } from './read-run.ts';

export async function writeReport(runDir: string): Promise<{ htmlPath: string; markdownPath: string }> {
  const run = await readRunForReport(runDir);
  // Render both before writing either, so a rendering failure leaves no new file behind.
  const html = renderHtml(run);
  const markdown = renderMarkdown(run);
  const htmlPath = join(runDir, 'report.html');
  const markdownPath = join(runDir, 'summary.md');
  await writeFileAtomic(htmlPath, html);
  await writeFileAtomic(markdownPath, markdown);
  return { htmlPath, markdownPath };
}
