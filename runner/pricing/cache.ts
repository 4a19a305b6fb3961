/**
 * Disk cache of price books fetched from the Price List API, so that repeated runs do not
 * query the API each time. One JSON file per region, with the fetch time; expiry is a setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../system/write-file-atomic.ts';
import type { PriceBook } from './price-book.ts';

/** Git-ignored (.gitignore lists .lmi-bench-cache/). */
export const defaultCacheDir = fileURLToPath(new URL('../../.lmi-bench-cache/prices/', import.meta.url));
export const defaultCacheMaxAgeMs = 24 * 60 * 60 * 1000;

interface CacheEntry {
  fetchedAtMs: number;
  book: PriceBook;
}

function cachePath(dir: string, region: string): string {
  return join(dir, `price-book-${region}.json`);
}

/** The cached book when it is younger than maxAgeMs; an unreadable cache file counts as a miss. */
export function readCachedBook(dir: string, region: string, maxAgeMs: number, nowMs = Date.now()): { book: PriceBook; fetchedAtMs: number } | null {
  const path = cachePath(dir, region);
  if (!existsSync(path)) return null;
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as CacheEntry;
    if (typeof entry.fetchedAtMs !== 'number' || entry.book?.region !== region) return null;
    if (nowMs - entry.fetchedAtMs > maxAgeMs || entry.fetchedAtMs > nowMs) return null;
    return entry;
  } catch {
    return null;
  }
}

export async function writeCachedBook(dir: string, book: PriceBook, fetchedAtMs = Date.now()): Promise<void> {
  const entry: CacheEntry = { fetchedAtMs, book };
  await writeFileAtomic(cachePath(dir, book.region), JSON.stringify(entry, null, 2) + '\n', { createFolder: true });
}
