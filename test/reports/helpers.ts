/** Temp run folders for the report tests: a run.json written where writeReport expects it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunFile } from '../../runner/run/run-file.ts';
import { testTempDir } from '../temp-dir.ts';

export function runDirWith(run: RunFile | string): string {
  const dir = testTempDir('lmi-bench-report-');
  writeFileSync(join(dir, 'run.json'), typeof run === 'string' ? run : JSON.stringify(run, null, 2));
  return dir;
}

/** The text of the <script type="application/json" id=…> block of a rendered page. */
export function jsonBlock(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`no ${id} block in the page`);
  return JSON.parse(match[1]);
}
