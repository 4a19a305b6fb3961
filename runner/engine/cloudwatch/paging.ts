/**
 * NextToken for GetMetricData: where the next page starts in the flattened datapoints, the
 * moment the first page was computed (so later pages see the same data), and a fingerprint
 * of the request (a token only continues the request that produced it).
 */
import { createHash } from 'node:crypto';
import { CloudWatchApiError } from './errors.ts';
import type { GetMetricDataRequest } from './request.ts';

export interface PageCursor {
  offset: number;
  asOfMs: number;
}

export function requestFingerprint(request: GetMetricDataRequest): string {
  const { queries, startMs, endMs, scanBy } = request;
  return createHash('sha256').update(JSON.stringify({ queries, startMs, endMs, scanBy })).digest('hex').slice(0, 16);
}

export function encodeToken(cursor: PageCursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, o: cursor.offset, t: cursor.asOfMs, f: fingerprint })).toString('base64url');
}

export function decodeToken(token: string, fingerprint: string): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const p = parsed as { v?: unknown; o?: unknown; t?: unknown; f?: unknown } | null;
  if (!p || p.v !== 1 || !Number.isInteger(p.o) || (p.o as number) < 0 || typeof p.t !== 'number' || typeof p.f !== 'string') {
    throw new CloudWatchApiError('InvalidNextToken', 'The NextToken is not valid.');
  }
  if (p.f !== fingerprint) throw new CloudWatchApiError('InvalidNextToken', 'The NextToken belongs to a different request (queries, StartTime, EndTime and ScanBy must not change between pages).');
  return { offset: p.o as number, asOfMs: p.t };
}
