import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files of writes in progress, so an exit that cannot wait for them can remove them. */
const pending = new Set<string>();

/**
 * Writes a file so that a reader sees either the old content or the whole new content, never
 * a torn one: the data goes to a temp file in the same folder (same filesystem), then rename.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** For an immediate exit (second Ctrl-C): the target files stay whole, only temp files go. */
export function removePendingTempFilesSync(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
