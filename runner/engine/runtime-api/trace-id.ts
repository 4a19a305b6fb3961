/**
 * An X-Ray trace header as Lambda passes it in Lambda-Runtime-Trace-Id: Root=1-<epoch seconds,
 * 8 hex>-<96 random bits, 24 hex>;Parent=<64 bits, 16 hex>;Sampled=0. The engine traces
 * nothing, so every invocation is unsampled.
 */
import { randomBytes } from 'node:crypto';

export function traceId(nowMs: number = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
