/** The request body of a run: `--event '{"delaysMs":[50]}'` or `--event @body.json`. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';

export function parseEvent(label: string, raw: string, cwd: string): Record<string, unknown> {
  let text = raw;
  let where = label;
  if (raw.startsWith('@')) {
    const path = resolve(cwd, raw.slice(1));
    where = `${label} file ${raw.slice(1)}`;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`${where} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
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
