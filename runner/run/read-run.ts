/**
 * The one reader of run.json, for every command that reads a run (report, check, baseline,
 * cost crossover): the file found from a run folder or its path, its JSON parsed, its schema
 * version and the shape of what the commands read checked. Any problem is one UsageError line
 * naming the file and the field, so no command prints a stack trace or works from a file it
 * could not understand. The saved plan is checked by readPlanJson (./plan-json.ts) where a
 * command needs it.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { errorMessage } from '../system/error-message.ts';
import { hasControlCharacters } from '../system/escape.ts';
import { readInputFile } from '../system/read-input-file.ts';
import { decodeHistogram } from './histogram-codec.ts';
import { runStatuses, schemaVersion, type EncodedHistogram, type RunFile } from './run-file.ts';

export const runFileName = 'run.json';

/** run.json is read whole; only a regular file, and not an endless one. */
const maxRunFileBytes = 1024 * 1024 * 1024;

export interface ReadRunOptions {
  /** How messages name the run when the path is wrong, e.g. `baseline` or `--run`. */
  label?: string;
  /**
   * Every measured level must carry its histograms and trials (check compares distributions;
   * the report draws what it has).
   */
  requireHistograms?: boolean;
}

/** Reads and checks a run: `path` is its folder or its run.json. */
export function readRunFile(path: string, options: ReadRunOptions = {}): RunFile {
  const label = options.label ?? 'run';
  if (!existsSync(path)) throw new UsageError(`${label} ${path} not found`);
  const file = statSync(path).isDirectory() ? join(path, runFileName) : path;
  if (!existsSync(file)) throw new UsageError(`${label} ${path} is a folder without ${runFileName}`);
  const text = readInputFile(file, { label: file, maxBytes: maxRunFileBytes, limitReason: 'a run of 20,000 levels with histograms is far smaller' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${errorMessage(error)}`);
  }
  return validateRun(data, file, options.requireHistograms ?? false);
}

type Fail = (what: string) => never;

/** Checks the fields the commands read, so a malformed file fails here and not mid-render. */
export function validateRun(data: unknown, file: string, requireHistograms = false): RunFile {
  const fail: Fail = (what) => {
    throw new UsageError(`${file} is not a valid lmi-bench run: ${what}`);
  };
  if (!isObject(data)) return fail('expected a JSON object');
  if (data['schemaVersion'] !== schemaVersion) {
    return fail(`schemaVersion ${JSON.stringify(data['schemaVersion'] ?? null)} is not supported (this version reads ${schemaVersion})`);
  }
  if (!(runStatuses as readonly unknown[]).includes(data['status'])) fail(`status must be ${runStatuses.join(', ')}`);
  if (typeof data['runId'] !== 'string') fail('runId is missing');
  if (data['target'] !== 'local' && data['target'] !== 'aws') fail('target must be local or aws');
  const workload = data['workload'];
  if (!isObject(workload) || typeof workload['name'] !== 'string' || typeof workload['runtime'] !== 'string') {
    fail('workload.name and workload.runtime are required');
  }
  // Names are printed on the terminal and in Markdown: a control character there forges output.
  for (const [field, value] of [['runId', data['runId']], ['workload.name', (workload as Record<string, unknown>)['name']], ['workload.runtime', (workload as Record<string, unknown>)['runtime']]] as const) {
    if (hasControlCharacters(value as string)) fail(`${field} holds control characters`);
  }
  if (!isObject(data['plan'])) fail('plan must be an object');
  if (!Array.isArray(data['levels'])) return fail('levels must be an array');
  data['levels'].forEach((level: unknown, index: number) => checkLevel(level, `levels[${index}]`, fail, requireHistograms));
  const crossover = data['crossover'];
  if (crossover !== null && crossover !== undefined) {
    if (!isObject(crossover)) fail('crossover must be an object or null');
    else {
      if (!isNumberArray(crossover['requestsPerSecond'])) fail('crossover.requestsPerSecond must be an array of numbers');
      if (!Array.isArray(crossover['curve'])) fail('crossover.curve must be an array');
    }
  }
  return data as unknown as RunFile;
}

function checkLevel(level: unknown, at: string, fail: Fail, requireHistograms: boolean): void {
  if (!isObject(level)) fail(`${at} must be an object`);
  const l = level as Record<string, unknown>;
  if (l['mode'] !== 'lambda' && l['mode'] !== 'lmi') fail(`${at}.mode must be lambda or lmi`);
  checkCount(l['concurrency'], `${at}.concurrency`, fail);
  if (!isObject(l['settings'])) fail(`${at}.settings is required`);
  switch (l['state']) {
    case 'measured':
      if (!isObject(l['latencyMs']) || !isObject(l['requests']) || typeof l['throughputRps'] !== 'number') {
        fail(`${at} is measured but lacks latencyMs, requests or throughputRps`);
      }
      checkMeasured(l, at, fail);
      if (requireHistograms) checkComparable(l, at, fail);
      checkHistogram(l['histogram'], `${at}.histogram`, fail);
      if (Array.isArray(l['trials'])) l['trials'].forEach((trial: unknown, i: number) => checkHistogram(isObject(trial) ? trial['histogram'] : undefined, `${at}.trials[${i}].histogram`, fail));
      return;
    case 'failed':
    case 'skipped':
      if (typeof l['reason'] !== 'string') fail(`${at} is ${l['state']} without a reason`);
      return;
    default:
      fail(`${at}.state must be measured, failed or skipped`);
  }
}

const latencyFields = ['p50', 'p90', 'p95', 'p99', 'max', 'mean', 'min', 'stddev'] as const;
const requestFields = ['ok', 'throttled', 'errors'] as const;

/**
 * The numbers every reader of a measured level computes with: counts, rates and latencies
 * are finite and not negative, and trials (when present) is a list of such results, so that
 * a hand-edited `"p99": "fast"` or `"ok": -5` is named here, not met as a TypeError mid-render
 * or silently drawn.
 */
function checkMeasured(l: Record<string, unknown>, at: string, fail: Fail): void {
  checkResult(l, at, fail);
  for (const field of ['coldStarts', 'environments'] as const) if (l[field] !== undefined) checkCount(l[field], `${at}.${field}`, fail);
  const trials = l['trials'];
  if (trials === undefined) return;
  if (!Array.isArray(trials)) return fail(`${at}.trials must be an array`);
  trials.forEach((trial: unknown, t: number) => {
    if (!isObject(trial)) return fail(`${at}.trials[${t}] must be an object`);
    checkResult(trial, `${at}.trials[${t}]`, fail);
  });
}

/** requests, throughputRps and latencyMs of a level or a trial. */
function checkResult(r: Record<string, unknown>, at: string, fail: Fail): void {
  const requests = r['requests'];
  if (!isObject(requests)) return fail(`${at}.requests must be an object`);
  for (const field of requestFields) checkCount(requests[field], `${at}.requests.${field}`, fail);
  checkCount(r['throughputRps'], `${at}.throughputRps`, fail);
  const latency = r['latencyMs'];
  if (!isObject(latency)) return fail(`${at}.latencyMs must be an object`);
  for (const field of latencyFields) checkCount(latency[field], `${at}.latencyMs.${field}`, fail);
}

/** A finite number, zero or more. */
function checkCount(value: unknown, at: string, fail: Fail): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${at} must be a number ≥ 0 (got ${JSON.stringify(value) ?? 'nothing'})`.slice(0, 200));
}

/** What `check` needs of a measured level: its variant, its histogram and each trial's numbers. */
function checkComparable(l: Record<string, unknown>, at: string, fail: Fail): void {
  if (typeof l['variantId'] !== 'string') fail(`${at} has no variantId`);
  if (!hasHistogram(l['histogram'])) fail(`${at} has no latency histogram`);
  const trials = l['trials'];
  if (!Array.isArray(trials)) return fail(`${at} has no trials`);
  trials.forEach((trial: unknown, t: number) => {
    const requests = isObject(trial) ? trial['requests'] : undefined;
    if (!isObject(trial) || !hasHistogram(trial['histogram']) || typeof trial['throughputRps'] !== 'number' || !isObject(requests) || typeof requests['ok'] !== 'number') {
      fail(`${at}.trials[${t}] lacks its histogram, requests or throughputRps`);
    }
  });
}

/**
 * A histogram that is there must decode: the report and check decode them deep inside their
 * statistics, where a corrupted one would surface as a bare base64 error naming no file.
 * (Absent histograms are the caller's business: check requires them, the report skips them.)
 */
function checkHistogram(value: unknown, at: string, fail: Fail): void {
  // Absent, or present with no data (nothing was recorded): nothing to decode.
  if (value === undefined || value === null || (isObject(value) && value['data'] === '')) return;
  if (!isObject(value) || value['encoding'] !== 'hdr-compressed-base64' || typeof value['data'] !== 'string') {
    fail(`${at} must be an hdr-compressed-base64 histogram`);
  }
  try {
    decodeHistogram(value as unknown as EncodedHistogram);
  } catch (error) {
    fail(`${at} is corrupted (${errorMessage(error)})`);
  }
}

/** A stored histogram with data (an empty string decodes to nothing to compare). */
function hasHistogram(value: unknown): boolean {
  return isObject(value) && typeof value['data'] === 'string' && value['data'] !== '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}
