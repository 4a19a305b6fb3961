/**
 * Reading a file the user named (workload.json, --event @FILE, --events FILE): only a regular
 * file, at most `maxBytes`. /dev/zero never ends and a FIFO blocks until someone writes to it;
 * both are refused from fstat on a descriptor opened with O_NONBLOCK, which a FIFO's open does
 * not wait on, before a byte is read. A regular file is read in chunks, and one that grows past
 * the limit while being read (a /proc file, a log being written) is refused at the limit, so
 * the read ends, after at most maxBytes, without any other deadline.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from '../errors.ts';

export interface InputFileOptions {
  /** How messages name the file, e.g. `--events x.json`. */
  label: string;
  maxBytes: number;
  /** Why the limit is what it is, shown when a file is over it. */
  limitReason: string;
}

export function readInputFile(path: string, options: InputFileOptions): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`${options.label} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`${options.label} is ${kindOf(stats)}, not a regular file: give a file`);
    if (stats.size > options.maxBytes) throw new UsageError(`${options.label} is ${stats.size.toLocaleString('en-US')} bytes, over the ${formatBytes(options.maxBytes)} limit (${options.limitReason})`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, options.maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > options.maxBytes) throw new UsageError(`${options.label} grew past the ${formatBytes(options.maxBytes)} limit while being read (${options.limitReason})`);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a file';
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
