/**
 * The one reader of run.json, for every command that reads a run (report, check, baseline,
 * cost crossover): the file found from a run folder or its path, its JSON parsed, its schema
 * version and the shape of what the commands read checked. Any problem is one UsageError line
 * naming the file and the field, so no command prints a stack trace or works from a file it
 * could not understand. The saved plan is checked by readPlanJson (./plan-json.ts) where a
 * command needs it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { errorMessage } from '../system/error-message.ts';
import { hasControlCharacters } from '../system/escape.ts';
import { decodeHistogram } from './histogram-codec.ts';
import { runStatuses, schemaVersion, type EncodedHistogram, type RunFile } from './run-file.ts';

export const runFileName = 'run.json';

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`);
  }
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
  if (typeof l['concurrency'] !== 'number') fail(`${at}.concurrency must be a number`);
  if (!isObject(l['settings'])) fail(`${at}.settings is required`);
  switch (l['state']) {
    case 'measured':
      if (!isObject(l['latencyMs']) || !isObject(l['requests']) || typeof l['throughputRps'] !== 'number') {
        fail(`${at} is measured but lacks latencyMs, requests or throughputRps`);
      }
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
