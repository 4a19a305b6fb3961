/** run.json on disk: written atomically, so a reader never sees half a run (read-run.ts reads it). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunFile } from './run-file.ts';
import { runFileName } from './read-run.ts';
import { writeFileAtomic } from '../system/write-file-atomic.ts';

/** Writes dir/run.json atomically (creating dir) and returns its path. */
export async function writeRunFile(dir: string, run: RunFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, runFileName);
  await writeFileAtomic(path, JSON.stringify(run, null, 2) + '\n');
  return path;
}
