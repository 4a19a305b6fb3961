import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files of writes in progress, so an exit that cannot wait for them can remove them. */
const pending = new Set<string>();

export interface WriteOptions {
  /** Create the file's folder (and its parents) first; off by default, most callers checked it. */
  createFolder?: boolean;
}

/**
 * Writes a file so that a reader (a report viewer, a CI artifact upload, a second bench) sees
 * either the old content or the whole new content, never a torn one: the data goes to a temp
 * file in the same folder (same filesystem), then is renamed over the target.
 */
export async function writeFileAtomic(path: string, data: string, options: WriteOptions = {}): Promise<void> {
  if (options.createFolder) await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(temp);
  try {
    await writeFile(temp, data, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** The same, for an exit that cannot wait for the event loop (a second Ctrl-C). */
export function writeFileAtomicSync(path: string, data: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** For an immediate exit (second Ctrl-C): the target files stay whole, only temp files go. */
export function removePendingTempFilesSync(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
