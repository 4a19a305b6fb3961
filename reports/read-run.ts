/**
 * Reads and checks results/<run-id>/run.json for rendering. Any problem is one UsageError
 * line naming the file, so `lmi-bench report` never prints a stack trace or writes a report
 * from a file it could not understand.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../runner/errors.ts';
import { schemaVersion, type EncodedHistogram, type RunFile } from '../runner/run/run-file.ts';
import { decodeHistogram } from '../runner/load/latency-histogram.ts';
import { errorMessage } from '../runner/system/error-message.ts';

export async function readRunForReport(runDir: string): Promise<RunFile> {
  const dirStat = await stat(runDir).catch(() => null);
  if (!dirStat) throw new UsageError(`run folder not found: ${runDir}`);
  if (!dirStat.isDirectory()) throw new UsageError(`not a run folder (expected a directory holding run.json): ${runDir}`);
  const path = join(runDir, 'run.json');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'ENOENT' ? `no run.json in ${runDir}` : `cannot read ${path}: ${error.message}`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateRun(data, path);
}

/** Checks the fields the report reads, so a malformed file fails here and not mid-render. */
export function validateRun(data: unknown, path: string): RunFile {
  const fail = (what: string): never => {
    throw new UsageError(`${path} is not a valid lmi-bench run: ${what}`);
  };
  if (!isObject(data)) return fail('expected a JSON object');
  if (data['schemaVersion'] !== schemaVersion) {
    return fail(`schemaVersion ${JSON.stringify(data['schemaVersion'])} is not supported (this version reads ${schemaVersion})`);
  }
  if (!['complete', 'interrupted', 'failed', 'running'].includes(data['status'] as string)) fail('status must be complete, interrupted, failed or running');
  if (typeof data['runId'] !== 'string') fail('runId is missing');
  if (data['target'] !== 'local' && data['target'] !== 'aws') fail('target must be local or aws');
  const workload = data['workload'];
  if (!isObject(workload) || typeof workload['name'] !== 'string' || typeof workload['runtime'] !== 'string') {
    fail('workload.name and workload.runtime are required');
  }
  if (!Array.isArray(data['levels'])) return fail('levels must be an array');
  data['levels'].forEach((level: unknown, index: number) => checkLevel(level, `levels[${index}]`, fail));
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

function checkLevel(level: unknown, at: string, fail: (what: string) => never): void {
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

/**
 * A histogram that is there must decode: the report and check decode them deep inside their
 * statistics, where a corrupted one would surface as a bare base64 error naming no file.
 * (Absent histograms are the reader's business: check refuses them, the report skips them.)
 */
function checkHistogram(value: unknown, at: string, fail: (what: string) => never): void {
  if (value === undefined || value === null) return;
  if (!isObject(value) || value['encoding'] !== 'hdr-compressed-base64' || typeof value['data'] !== 'string') {
    fail(`${at} must be an hdr-compressed-base64 histogram`);
  }
  try {
    decodeHistogram(value as unknown as EncodedHistogram);
  } catch (error) {
    fail(`${at} is corrupted (${errorMessage(error)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}
