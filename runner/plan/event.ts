/** The request body of a run: `--event '{"delaysMs":[50]}'` or `--event @body.json`. */
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { readInputFile } from '../system/read-input-file.ts';

/** An --event file is read whole: 24 MiB is four times the largest body Lambda accepts. */
const maxEventFileBytes = 24 * 1024 * 1024;

export function parseEvent(label: string, raw: string, cwd: string): Record<string, unknown> {
  let text = raw;
  let where = label;
  if (raw.startsWith('@')) {
    where = `${label} file ${raw.slice(1)}`;
    text = readInputFile(resolve(cwd, raw.slice(1)), { label: where, maxBytes: maxEventFileBytes, limitReason: 'the body sent is at most 6 MiB; the file may hold some whitespace more' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must be a JSON object`);
  return value as Record<string, unknown>;
}
