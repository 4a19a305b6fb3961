/**
 * Traffic profiles: request counts per minute over some span, projected to a month. A profile
 * is constant, diurnal (a smooth daily curve), or recorded (a CSV, or a real function's
 * CloudWatch Invocations history: see function-history.ts).
 */
import { readInputFile } from '../system/read-input-file.ts';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { TrafficProfile } from '../domain.ts';


const minutesPerDay = 1440;

export function constantProfile(requestsPerSecond: number): TrafficProfile {
  requireRate('constant rate', requestsPerSecond);
  return { name: `constant:${requestsPerSecond}`, minuteRequests: [requestsPerSecond * 60] };
}

/**
 * One day where the rate follows a raised cosine: the trough at midnight, the peak at noon.
 * A smooth curve rather than a square wave, because real daily traffic ramps.
 */
export function diurnalProfile(peakRps: number, troughRps: number): TrafficProfile {
  requireRate('diurnal peak', peakRps);
  requireRate('diurnal trough', troughRps);
  if (troughRps > peakRps) throw new UsageError(`diurnal trough (${troughRps}) must not exceed the peak (${peakRps})`);
  const minuteRequests = Array.from({ length: minutesPerDay }, (_, minute) => {
    const phase = (1 - Math.cos((2 * Math.PI * minute) / minutesPerDay)) / 2;
    return (troughRps + (peakRps - troughRps) * phase) * 60;
  });
  return { name: `diurnal:${peakRps}:${troughRps}`, minuteRequests };
}

/** A traffic CSV is read whole. */
const maxProfileCsvBytes = 128 * 1024 * 1024;

/**
 * The largest per-minute count a CSV may hold: far above any account's Lambda concurrency, and
 * small enough that a month of it, priced, stays a finite number (1e300 made every cost Infinity).
 */
export const maxRequestsPerMinute = 1e9;

/**
 * Per-minute request counts: one count per line, or `timestamp,count` (ISO or epoch ms,
 * strictly increasing). An optional header line is skipped; blank lines are ignored.
 */
export function parseProfileCsv(text: string, fileName: string): TrafficProfile {
  const minuteRequests: number[] = [];
  let previousTimeMs = Number.NEGATIVE_INFINITY;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const fields = line.split(',').map((f) => f.trim());
    const where = `${fileName} line ${index + 1}`;
    if (fields.length > 2) throw new UsageError(`${where}: expected 'count' or 'timestamp,count', got ${fields.length} fields`);
    const countText = fields.at(-1) ?? '';
    const isHeader = minuteRequests.length === 0 && previousTimeMs === Number.NEGATIVE_INFINITY && !/^[-+0-9.]/.test(countText);
    if (isHeader) continue;
    const count = Number(countText);
    if (countText === '' || !Number.isFinite(count) || count < 0) throw new UsageError(`${where}: '${countText}' is not a request count (a number ≥ 0)`);
    if (count > maxRequestsPerMinute) throw new UsageError(`${where}: ${countText} requests in a minute is more than lmi-bench models (at most ${maxRequestsPerMinute.toExponential()}, about 16.7 million a second)`);
    if (fields.length === 2) {
      const stamp = fields[0] ?? '';
      const timeMs = /^\d+$/.test(stamp) ? Number(stamp) : Date.parse(stamp);
      if (!Number.isFinite(timeMs)) throw new UsageError(`${where}: '${stamp}' is not a timestamp (ISO 8601 or epoch ms)`);
      if (timeMs <= previousTimeMs) throw new UsageError(`${where}: timestamps must increase (one row per minute)`);
      previousTimeMs = timeMs;
    }
    minuteRequests.push(count);
  }
  if (minuteRequests.length === 0) throw new UsageError(`${fileName}: no per-minute request counts found`);
  return { name: `csv:${fileName}`, minuteRequests };
}

/** Reads a deployed function's per-minute Invocations (function-history.ts): what `cloudwatch:FUNCTION` needs. */
export type FunctionTrafficReader = (functionName: string) => Promise<TrafficProfile>;

/**
 * A --traffic SPEC: `constant:R`, `diurnal:PEAK:TROUGH`, `csv:FILE` (rates in requests per
 * second), or `cloudwatch:FUNCTION` (a real function's history, read by `readFunction`).
 */
export async function parseProfileSpec(spec: string, cwd: string = process.cwd(), readFunction?: FunctionTrafficReader): Promise<TrafficProfile> {
  const [kind, ...rest] = spec.split(':');
  if (kind === 'constant' && rest.length === 1) return constantProfile(parseRate(rest[0], spec));
  if (kind === 'diurnal' && rest.length === 2) return diurnalProfile(parseRate(rest[0], spec), parseRate(rest[1], spec));
  if (kind === 'csv' && rest.length >= 1) {
    const file = rest.join(':');
    const text = readInputFile(resolve(cwd, file), { label: `profile CSV '${file}'`, maxBytes: maxProfileCsvBytes, limitReason: 'a year of per-minute timestamp,count rows is about 20 MiB' });
    return parseProfileCsv(text, file);
  }
  if (kind === 'cloudwatch' && rest.length === 1 && rest[0]) {
    if (!readFunction) throw new UsageError(`--traffic cloudwatch:FUNCTION is not available here: use constant:RPS, diurnal:PEAK_RPS:TROUGH_RPS or csv:FILE`);
    return readFunction(rest[0]);
  }
  throw new UsageError(`bad --traffic '${spec}': expected ${trafficSpecForms}`);
}

export const trafficSpecForms = 'constant:RPS, diurnal:PEAK_RPS:TROUGH_RPS, csv:FILE or cloudwatch:FUNCTION';

/** True for a value that is a traffic shape, not an AWS profile name (the old meaning of --profile). */
export function looksLikeTrafficSpec(value: string): boolean {
  return /^(constant|diurnal|csv|cloudwatch):/.test(value);
}

function parseRate(text: string | undefined, spec: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`bad --traffic '${spec}': '${text ?? ''}' is not a request rate`);
  return value;
}

function requireRate(what: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${what} must be a request rate ≥ 0, got ${value}`);
}
