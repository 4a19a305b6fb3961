/**
 * The contract between the runner and a load worker (a function that generates load): one
 * invocation runs one load phase (a warm-up or a trial) and returns its LoadResult as JSON.
 * The worker reads the task from an untrusted JSON payload, so it is validated here, with one
 * line per problem.
 */
import type { LoadResult } from './load-result.ts';

/** Closed loop: a fixed number of connections; open loop: a constant arrival rate. */
export type LoadShape =
  | { kind: 'closed'; connections: number }
  | { kind: 'open'; ratePerSec: number; maxConnections: number };

export interface LoadTask {
  /** 0-based index of the worker among the phase's workers (named in errors). */
  worker: number;
  url: string;
  body: string;
  shape: LoadShape;
  durationSec: number;
  timeoutSec: number;
  /** Epoch ms at which every worker of the phase starts, so their windows line up. */
  startAtMs: number;
  /**
   * Sign each request with SigV4 with the worker's own credentials (its role on AWS), for
   * IAM-authenticated front doors; absent for unsigned endpoints.
   */
  signing?: { region: string; service: string };
}

/**
 * Load workers hosted on a target (the engine, AWS): functions that generate load, invoked
 * once per load phase each. Each target that can host them implements this.
 */
export interface LoadWorkerPool {
  /** Where the workers run, for run.json ('local engine', 'us-east-1'). */
  readonly where: string;
  /** Memory of the worker function (its Lambda cost is GB-seconds of it). */
  readonly memoryMb: number;
  /**
   * Runs one task on a worker and returns what it measured; rejects with the reason when the
   * worker fails, is killed or times out (the caller names the worker).
   */
  run(task: LoadTask, signal: AbortSignal): Promise<WorkerOutcome>;
  /** Sign the workers' requests with their own role (IAM front doors); absent: unsigned. */
  readonly signing?: { region: string; service: string };
}

/** What a worker returns: the phase's LoadResult, and how late it started. */
export interface WorkerOutcome {
  worker: number;
  result: LoadResult;
  /** Milliseconds between startAtMs and the actual start (0 when on time). */
  lateStartMs: number;
}

export class LoadTaskError extends Error {
  override readonly name = 'LoadTaskError';
}

function fail(what: string): never {
  throw new LoadTaskError(`load task: ${what}`);
}

function positive(value: unknown, what: string, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    fail(`${what} must be a ${integer ? 'whole number ≥ 1' : 'number > 0'} (got ${JSON.stringify(value)})`);
  }
  return value;
}

export function parseLoadTask(raw: unknown): LoadTask {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a JSON object');
  const t = raw as Record<string, unknown>;
  const worker = t['worker'];
  if (typeof worker !== 'number' || !Number.isInteger(worker) || worker < 0) fail('worker must be a whole number ≥ 0');
  const url = t['url'];
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) fail('url must be an http(s) URL');
  const body = t['body'];
  if (typeof body !== 'string') fail('body must be a string');
  const s = t['shape'] as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null) fail('shape must be an object');
  let shape: LoadShape;
  if (s['kind'] === 'closed') shape = { kind: 'closed', connections: positive(s['connections'], 'shape.connections', true) };
  else if (s['kind'] === 'open') shape = { kind: 'open', ratePerSec: positive(s['ratePerSec'], 'shape.ratePerSec'), maxConnections: positive(s['maxConnections'], 'shape.maxConnections', true) };
  else fail("shape.kind must be 'closed' or 'open'");
  const startAtMs = t['startAtMs'];
  if (typeof startAtMs !== 'number' || !Number.isFinite(startAtMs)) fail('startAtMs must be epoch milliseconds');
  const task: LoadTask = {
    worker,
    url,
    body,
    shape,
    durationSec: positive(t['durationSec'], 'durationSec'),
    timeoutSec: positive(t['timeoutSec'], 'timeoutSec'),
    startAtMs,
  };
  const signing = t['signing'] as Record<string, unknown> | undefined | null;
  if (signing !== undefined && signing !== null) {
    if (typeof signing['region'] !== 'string' || typeof signing['service'] !== 'string') fail('signing needs region and service strings');
    task.signing = { region: signing['region'], service: signing['service'] };
  }
  return task;
}

/** Splits `total` into `parts` shares as even as whole numbers allow (the first ones get the remainder). */
export function evenShares(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
