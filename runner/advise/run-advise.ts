/**
 * advise end to end: what it is asked about (a what-if, one deployed function, or every function
 * of a region), read through the SDKs when deployed, priced, then written where asked: the
 * terminal, --json FILE, --html FILE (each file written atomically).
 */
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { errorMessage, firstLine } from '../system/error-message.ts';
import { writeFileAtomic } from '../system/write-file-atomic.ts';
import { prettyJson } from '../system/pretty-json.ts';
import { pricesFor } from '../cost/prices-for.ts';
import type { TrafficProfile } from '../domain.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import type { FunctionRow } from './all-functions.ts';
import type { AwsAccess, lambdaClient, readDeployedFunction } from './deployed-function.ts';
import { adviceHtml, rankingHtml } from './html.ts';
import { advise, type Advice, type AdviseFunction, type AdviseOptions, type SafetyLookup } from './model.ts';
import { readLatestSafetyOf, safetyRuntimeOf } from '../safety/latest-result.ts';
import { runtimes as allRuntimes, type Runtime } from '../runtimes/registry.ts';
import { formatAdvice, formatRanking } from './terminal.ts';
import { adviseFleet, type FleetAdvice, type FleetFunction } from './fleet.ts';
import { fleetHtml, fleetSectionHtml, formatFleet } from './fleet-render.ts';

/** The advised functions of a region as fleet rows: their configuration and mean traffic (failures left out). */
function fleetOfRows(rows: readonly FunctionRow[]): FleetFunction[] {
  return rows.flatMap((row) => {
    if (row.state === 'failed') return [];
    const fn = row.advice.function;
    return [{
      name: row.name,
      requestsPerMonth: row.advice.traffic.requestsPerMonth,
      meanDurationMs: fn.meanDurationMs,
      memoryMb: fn.memoryMb,
      architecture: fn.architecture,
      cpuMsPerRequest: fn.cpuMsPerRequest,
      runtime: fn.runtime,
      gibPerVcpu: fn.lmi?.gibPerVcpu ?? null,
    }];
  });
}

export type AdviseSubject =
  | { kind: 'what-if'; fn: AdviseFunction; traffic: TrafficProfile }
  | { kind: 'function'; name: string; days: number; cpuMsPerRequest: number | null; traffic: TrafficProfile | null; runtime: string | null }
  | { kind: 'all-functions'; days: number; cpuMsPerRequest: number | null; concurrency: number }
  | { kind: 'fleet'; functions: FleetFunction[] };

export interface AdviseRequest {
  subject: AdviseSubject;
  options: AdviseOptions;
  /** Where deployed functions are read: AWS (credentials) or the local engine (endpoint). */
  access: AwsAccess;
  offline: boolean;
  /**
   * Where `lmi-bench safety` keeps its last result of each workload (<outDir>/safety/), and the
   * workload whose handler the function runs, when the user named it; else each function's name.
   */
  safety: { outDir: string; workload: { name: string; ref: string; runtimes: readonly Runtime[] } | null };
  jsonPath?: string;
  htmlPath?: string;
}

export interface AdviseIo {
  stdout: (text: string) => void;
  /** The progress line (rewritten in place on a terminal). */
  progress: (text: string) => void;
}

/** The function's last safety check: under the named workload, else under the function's own name. */
function lookUpSafety(request: AdviseRequest, fn: AdviseFunction): SafetyLookup {
  const { outDir, workload } = request.safety;
  const runtimeOf = fn.runtime === null ? null : safetyRuntimeOf(fn.runtime);
  if (workload) {
    const runtimes = runtimeOf !== null && workload.runtimes.includes(runtimeOf) ? [runtimeOf] : workload.runtimes;
    const check = readLatestSafetyOf(outDir, workload.name, runtimes);
    return check ? { state: 'found', workload: workload.name, check, command: `lmi-bench safety --workload ${workload.ref}` } : { state: 'missing', workload: workload.name, lookedIn: join(outDir, 'safety'), command: `lmi-bench safety --workload ${workload.ref}` };
  }
  if (fn.name === null) return { state: 'unknown' };
  const check = readLatestSafetyOf(outDir, fn.name, runtimeOf === null ? allRuntimes : [runtimeOf]);
  return check ? { state: 'found', workload: fn.name, check, command: `lmi-bench safety --workload <the folder of ${fn.name}'s handler>` } : { state: 'unknown' };
}

/** Rows of the profile a deployed function with no traffic is priced with: one quiet minute. */
const noTraffic = (name: string, days: number): TrafficProfile => ({ name: `function:${name} (no invocations in the last ${days} d)`, minuteRequests: [0] });

async function adviseDeployed(
  request: AdviseRequest,
  prices: PriceBook,
  name: string,
  options: { days: number; cpuMsPerRequest: number | null; traffic: TrafficProfile | null; runtime: string | null },
  account: { lambda: ReturnType<typeof lambdaClient>; read: typeof readDeployedFunction },
): Promise<Advice> {
  const deployed = await account.read(account.lambda, request.access, name, { days: options.days, cpuMsPerRequest: options.cpuMsPerRequest });
  const fn = options.runtime === null ? deployed.fn : { ...deployed.fn, runtime: options.runtime };
  const traffic = options.traffic ?? deployed.traffic ?? noTraffic(fn.name ?? name, options.days);
  return advise(fn, traffic, request.options, prices, lookUpSafety(request, fn));
}

export type AdviseResult = { kind: 'one'; advice: Advice } | { kind: 'all'; rows: FunctionRow[]; fleet: FleetAdvice } | { kind: 'fleet'; fleet: FleetAdvice };

export async function computeAdvice(request: AdviseRequest, io: AdviseIo): Promise<AdviseResult> {
  const prices = await pricesFor(request.options.region, request.offline);
  const { subject } = request;
  if (subject.kind === 'what-if') return { kind: 'one', advice: advise(subject.fn, subject.traffic, request.options, prices, lookUpSafety(request, subject.fn)) };
  if (subject.kind === 'fleet') return { kind: 'fleet', fleet: adviseFleet(subject.functions, request.options, prices) };
  // The Lambda and CloudWatch SDKs are loaded only here: a what-if or a fleet file never uses them (~0.2 s of CPU at start).
  const [{ lambdaClient, readDeployedFunction }, { adviseAll, listFunctionNames }] = await Promise.all([import('./deployed-function.ts'), import('./all-functions.ts')]);
  const lambda = lambdaClient(request.access);
  const account = { lambda, read: readDeployedFunction };
  try {
    if (subject.kind === 'function') {
      return { kind: 'one', advice: await adviseDeployed(request, prices, subject.name, subject, account) };
    }
    io.progress(`listing functions in ${request.access.endpoint ?? request.access.region}…`);
    let names: string[];
    try {
      names = await listFunctionNames(lambda);
    } catch (error) {
      throw new UsageError(`ListFunctions failed: ${firstLine(errorMessage(error))}`);
    }
    if (names.length === 0) throw new UsageError(`no functions in ${request.access.endpoint ?? request.access.region}`);
    const rows = await adviseAll(names, (name) => adviseDeployed(request, prices, name, { ...subject, traffic: null, runtime: null }, account), {
      concurrency: subject.concurrency,
      onProgress: (done, total, name) => io.progress(`advised ${done}/${total} functions (last: ${name})`),
    });
    return { kind: 'all', rows, fleet: adviseFleet(fleetOfRows(rows), request.options, prices) };
  } finally {
    lambda.destroy();
  }
}

/** What a result prints, writes as JSON and renders as a page. */
function render(result: AdviseResult): { text: string; data: unknown; html: () => string } {
  switch (result.kind) {
    case 'one':
      return { text: formatAdvice(result.advice), data: result.advice, html: () => adviceHtml(result.advice) };
    case 'all':
      return { text: `${formatRanking(result.rows)}\n\n${formatFleet(result.fleet)}`, data: { functions: result.rows, fleet: result.fleet }, html: () => rankingHtml(result.rows, fleetSectionHtml(result.fleet)) };
    case 'fleet':
      return { text: formatFleet(result.fleet), data: result.fleet, html: () => fleetHtml(result.fleet) };
  }
}

export async function runAdvise(request: AdviseRequest, io: AdviseIo): Promise<AdviseResult> {
  const result = await computeAdvice(request, io);
  io.progress('');
  const view = render(result);
  io.stdout(view.text + '\n');
  const data = view.data;
  const written: string[] = [];
  if (request.jsonPath) {
    await writeFileAtomic(resolve(request.jsonPath), prettyJson(data));
    written.push(`json: ${request.jsonPath}`);
  }
  if (request.htmlPath) {
    await writeFileAtomic(resolve(request.htmlPath), view.html());
    written.push(`html: ${request.htmlPath}`);
  }
  if (written.length > 0) io.stdout(`${written.join('\n')}\n`);
  return result;
}
