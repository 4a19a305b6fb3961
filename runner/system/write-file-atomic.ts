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
    // A cleanup that fails too (the folder is not one) must not hide the first error.
    await rm(temp, { force: true }).catch(() => undefined);
    throw namingTarget(error, temp, path);
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
    try {
      rmSync(temp, { force: true });
    } catch {
      // As above: the first error is the one to report.
    }
    throw namingTarget(error, temp, path);
  }
}

/**
 * The temp file is ours, not the user's: an error (EACCES, ENOSPC, ENOTDIR) names the path
 * the caller asked for, keeping its code so it still reads as an environment error. A failed
 * write names no file at all ("ENOSPC: no space left on device, write"): the path is appended,
 * so a full disk says which file it stopped.
 */
export function namingTarget(error: unknown, temp: string, path: string): unknown {
  if (!(error instanceof Error)) return error;
  const e = error as NodeJS.ErrnoException;
  e.message = e.message.replaceAll(temp, path);
  if (e.path === temp) e.path = path;
  if (!e.message.includes(path)) e.message = `${e.message} (writing ${path})`;
  return e;
}

/** For an immediate exit (second Ctrl-C): the target files stay whole, only temp files go. */
export function removePendingTempFilesSync(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
