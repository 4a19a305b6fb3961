/** run.json on disk: written atomically, read back with its schema version checked. */
import { mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { schemaVersion, type RunFile } from './run-file.ts';
import { writeFileAtomic } from '../system/write-file-atomic.ts';

export const runFileName = 'run.json';

/** Writes dir/run.json atomically (creating dir) and returns its path. */
export async function writeRunFile(dir: string, run: RunFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, runFileName);
  await writeFileAtomic(path, JSON.stringify(run, null, 2) + '\n');
  return path;
}

/** Reads a run file (a path to run.json or to its folder); UsageError for anything unusable. */
export function readRunFile(path: string): RunFile {
  const file = existsSync(join(path, runFileName)) ? join(path, runFileName) : path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read run file ${path}: no such file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file} is not a run file (not a JSON object)`);
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version !== schemaVersion) {
    throw new UsageError(`${file} has schemaVersion ${JSON.stringify(version ?? null)}; this lmi-bench reads schemaVersion ${schemaVersion}`);
  }
  const run = raw as Partial<RunFile>;
  if (!Array.isArray(run.levels) || typeof run.runId !== 'string' || typeof run.status !== 'string') {
    throw new UsageError(`${file} is not a run file (runId, status or levels missing)`);
  }
  return raw as RunFile;
}
