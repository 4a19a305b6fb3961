/**
 * The request body of a run: `--event '{"delaysMs":[50]}'` or `--event @body.json`. The body
 * is refused here, before anything is measured, when Lambda would refuse it (over 6 MiB: every
 * request of the run would be a 413) or when it nests too deep to serialise.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { lambdaMaxRequestBytes as maxRequestBytes } from '../domain.ts';
import { jsonDepthProblem } from '../system/json-depth.ts';
import { readInputFile } from '../system/read-input-file.ts';

/** An --event file is read whole; what is checked against Lambda's limit is the body as sent. */
const maxEventFileBytes = 4 * maxRequestBytes;

export function parseEvent(label: string, raw: string, cwd: string): Record<string, unknown> {
  let text = raw;
  let where = label;
  if (raw.startsWith('@')) {
    where = `${label} file ${raw.slice(1)}`;
    text = readInputFile(resolve(cwd, raw.slice(1)), { label: where, maxBytes: maxEventFileBytes, limitReason: 'the body sent is at most 6 MiB; the file may hold some whitespace more' });
  }
  const depthProblem = jsonDepthProblem(text);
  if (depthProblem !== undefined) throw new UsageError(`${where} ${depthProblem}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must be a JSON object`);
  checkEventSize(value as Record<string, unknown>, where);
  return value as Record<string, unknown>;
}

/**
 * The body as sent (JSON.stringify of the event) must be under Lambda's 6 MiB request limit:
 * for --event and for the workload's own event alike.
 */
export function checkEventSize(event: Record<string, unknown>, where: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > maxRequestBytes) {
    throw new UsageError(`${where} is ${bytes.toLocaleString('en-US')} bytes as a request body: Lambda refuses requests over ${maxRequestBytes} bytes (6 MiB), so every request would fail with 413`);
  }
}
