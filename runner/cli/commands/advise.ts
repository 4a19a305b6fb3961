/**
 * `lmi-bench advise`: should this function move to LMI, with no bench. A what-if (traffic and the
 * function's duration and memory from flags), one deployed function (--function: its
 * configuration and last N days from the Lambda and CloudWatch APIs, on AWS or the local engine),
 * or every function of a region (--all-functions), priced for a month on both compute types.
 */
import { ExitCode, UsageError } from '../../errors.ts';
import type { Architecture, TrafficProfile } from '../../domain.ts';
import { flagHelp, readFlags, switchFlag, valueFlag, type ReadFlags } from '../flag-reader.ts';
import { parseArchitecture, parseAwsProfile, parseDecimal, parseInteger, parseRegion, parseText, parseWordList } from '../values.ts';
import { benchDefaults, benchLimits } from '../../plan/defaults.ts';
import { constantProfile, looksLikeTrafficSpec, trafficSpecForms } from '../../traffic/profiles.ts';
import { defaultHistoryDays, readTrafficSpec } from '../../traffic/read-traffic.ts';
import { requestsPerSecondFor } from '../../system/numbers.ts';
import { maxHistoryDays } from '../../traffic/function-history.ts';
import { maxLambdaDurationDiscount } from '../../cost/lambda-cost.ts';
import { instanceShape } from '../../pricing/instance-types.ts';
import { runtimes } from '../../runtimes/registry.ts';
import { resolve } from 'node:path';
import { readFleetCsv } from '../fleet-csv.ts';
import { reserveGibFlag, reserveVcpuFlag } from './capacity-flags.ts';

const defaultParallel = 4;

export const adviseFlags = {
  function: valueFlag({ value: 'NAME', help: 'advise on a deployed function: its configuration and last --days of CloudWatch', parse: (raw, label) => parseText(label, raw) }),
  'all-functions': switchFlag({ help: 'advise on every function of the region (ListFunctions), ranked by monthly saving, and group them onto capacity providers' }),
  'what-if': valueFlag({
    value: 'FILE.csv',
    help: 'a fleet what-if: one function per row (name, requests_per_month or rps, duration_ms, memory_mb, arch, cpu_ms or cpu_share, runtime, gib_per_vcpu), grouped onto capacity providers',
    parse: (raw, label) => parseText(label, raw),
  }),
  days: valueFlag({
    value: 'N',
    help: `history to read, 1–${maxHistoryDays} (CloudWatch keeps 1-minute data 15 days)`,
    default: String(defaultHistoryDays),
    parse: (raw, label) => parseInteger(label, raw, { min: 1, max: maxHistoryDays }),
  }),
  endpoint: valueFlag({
    value: 'URL',
    help: "Lambda and CloudWatch endpoint override: the local engine's control URL",
    parse: (raw, label) => {
      if (!/^https?:\/\/[^\s/]+/.test(raw)) throw new UsageError(`${label} must be an http(s) URL, got '${raw}'`);
      return raw;
    },
  }),
  profile: valueFlag({ value: 'NAME', help: 'AWS credentials profile (as in the AWS CLI and CDK)', defaultText: 'AWS_PROFILE, else default', parse: (raw, label) => parseAwsProfile(label, raw) }),
  region: valueFlag({ value: 'REGION', help: 'AWS region of the functions and of the prices', default: benchDefaults.region, parse: (raw, label) => parseRegion(label, raw) }),
  'max-parallel': valueFlag({
    value: 'N',
    help: '--all-functions: functions read at once',
    default: String(defaultParallel),
    parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 32 }),
  }),
  'requests-per-month': valueFlag({ value: 'N', help: 'what-if traffic: requests a month, evenly spread', parse: (raw, label) => parseDecimal(label, raw, { min: 0 }) }),
  rps: valueFlag({ value: 'R', help: 'what-if traffic: a constant rate in requests per second', parse: (raw, label) => parseDecimal(label, raw, { min: 0 }) }),
  traffic: valueFlag({
    value: 'SPEC',
    help: `traffic shape: ${trafficSpecForms}`,
    parse: (raw, label) => {
      if (!looksLikeTrafficSpec(raw)) throw new UsageError(`${label} must be ${trafficSpecForms}, got '${raw}'`);
      return raw;
    },
  }),
  'duration-ms': valueFlag({ value: 'MS', help: 'mean duration per request on standard Lambda', parse: (raw, label) => parseDecimal(label, raw, { min: 0 }) }),
  'memory-mb': valueFlag({
    value: 'MB',
    help: `standard Lambda memory, ${benchLimits.lambdaMemoryMb.min}–${benchLimits.lambdaMemoryMb.max}`,
    parse: (raw, label) => parseInteger(label, raw, benchLimits.lambdaMemoryMb),
  }),
  'cpu-ms': valueFlag({
    value: 'MS',
    help: 'CPU time per request',
    defaultText: 'unknown: the verdict is shown from all-waiting to all-CPU',
    parse: (raw, label) => parseDecimal(label, raw, { min: 0 }),
  }),
  runtime: valueFlag({ value: 'ID', help: "Lambda runtime, e.g. nodejs22.x or python3.13 (checked against LMI's minimum versions)", parse: (raw, label) => parseText(label, raw) }),
  arch: valueFlag({ value: 'x86_64|arm64', help: "the function's architecture", defaultText: "the instance type's, else x86_64", parse: (raw, label) => parseArchitecture(label, raw) }),
  'instance-type': valueFlag({ value: 'TYPE', help: 'pin the LMI instance type', parse: (raw) => instanceShape(raw).instanceType }),
  'instance-types': valueFlag({
    value: 'LIST',
    help: 'LMI instance types to choose from at each rate',
    defaultText: "the architecture's candidates",
    parse: (raw, label) => parseWordList(label, raw).map((type) => instanceShape(type).instanceType),
  }),
  'lmi-discount': valueFlag({ value: '0-0.72', help: 'commitment discount on LMI EC2 instances (Savings Plans / RIs)', default: '0', parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: 0.72 }) }),
  'lambda-discount': valueFlag({
    value: `0-${maxLambdaDurationDiscount}`,
    help: 'Compute Savings Plans discount on Lambda duration',
    default: '0',
    parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: maxLambdaDurationDiscount }),
  }),
  'instance-reserve-vcpu': reserveVcpuFlag,
  'instance-reserve-gib': reserveGibFlag,
  'functions-per-provider': valueFlag({
    value: 'N',
    help: "functions sharing the capacity provider (they share its 3-instance floor)",
    default: '1',
    parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 10_000 }),
  }),
  'lmi-memory': valueFlag({
    value: 'MB',
    help: 'LMI function memory',
    defaultText: `max(${benchDefaults.lmi.minMemoryMb}, the function's)`,
    parse: (raw, label) => parseInteger(label, raw, { min: benchLimits.lmiMemoryMb.min, max: 32768 }),
  }),
  'lmi-max-concurrency': valueFlag({
    value: 'N',
    help: 'PerExecutionEnvironmentMaxConcurrency',
    defaultText: "the runtime's per-vCPU default",
    parse: (raw, label) => parseInteger(label, raw, benchLimits.lmiMaxConcurrency),
  }),
  'lmi-gib-per-vcpu': valueFlag({ value: 'X', help: 'ExecutionEnvironmentMemoryGiBPerVCpu, 2–8', defaultText: '2', parse: (raw, label) => parseDecimal(label, raw, benchLimits.lmiGibPerVcpu) }),
  workload: valueFlag({
    value: 'NAME|DIR',
    help: "the workload whose handler the function runs: its last `lmi-bench safety` check is cited in the risks",
    defaultText: "the function's name, when a check of that name exists",
    parse: (raw, label) => parseText(label, raw),
  }),
  out: valueFlag({
    value: 'DIR',
    help: 'where `lmi-bench safety` keeps its results (<DIR>/safety/<workload>-<runtime>.json)',
    default: 'results',
    parse: (raw, label) => parseText(label, raw),
  }),
  'free-tier': switchFlag({ help: "apply standard Lambda's monthly free tier" }),
  offline: switchFlag({ help: 'use the committed price snapshot, never the Price List API' }),
  json: valueFlag({ value: 'FILE', help: 'also write the figures as JSON (atomically)', parse: (raw, label) => parseText(label, raw) }),
  html: valueFlag({ value: 'FILE', help: "also write a self-contained HTML page (the report's look)", parse: (raw, label) => parseText(label, raw) }),
};

function helpText(): string {
  return [
    'usage: lmi-bench advise (--function NAME | --all-functions | WHAT-IF) [options]',
    '',
    'Should this function move to Lambda Managed Instances? A month at your traffic on standard Lambda and on LMI,',
    'with the instances and settings LMI would use, the saving, the break-even rate and the risks. No bench needed.',
    '',
    '  what-if:   lmi-bench advise --requests-per-month 50000000 --duration-ms 120 --memory-mb 1024 --cpu-ms 10 --arch arm64',
    '  deployed:  lmi-bench advise --function my-fn --profile my-sso --region eu-west-1',
    '  a region:  lmi-bench advise --all-functions --region eu-west-1 --html advice.html',
    '  a fleet:   lmi-bench advise --what-if fleet.csv   (header: name,requests_per_month,duration_ms,memory_mb,arch,cpu_ms,runtime)',
    '',
    'options:',
    flagHelp(adviseFlags),
  ].join('\n');
}

type AdviseLine = ReadFlags<typeof adviseFlags>;
type AdviseValues = AdviseLine['values'];
type RunAdvise = typeof import('../../advise/run-advise.ts');
type AdviseRequest = Parameters<RunAdvise['runAdvise']>[0];

/** Flags that contradict each other or the subject: one line each, before anything is read. */
function refuseContradictions(line: AdviseLine): void {
  const f = line.values;
  const only = (names: Array<keyof typeof adviseFlags>): string => names.map((name) => line.label(name)).join(' or ');
  if (line.given('function') && f['all-functions']) throw new UsageError('give either --function NAME or --all-functions, not both');
  refuseWithFleetFile(line);
  const deployed = line.given('function') || f['all-functions'];
  const trafficFlags = (['requests-per-month', 'rps', 'traffic'] as const).filter((name) => line.given(name));
  if (trafficFlags.length > 1) throw new UsageError(`give one traffic: ${only([...trafficFlags])}`);
  if (f['all-functions'] && trafficFlags.length > 0) throw new UsageError(`--all-functions reads each function's own traffic; drop ${only([...trafficFlags])}`);
  if (deployed) {
    for (const name of ['duration-ms', 'memory-mb', 'arch'] as const) if (line.given(name)) throw new UsageError(`${line.label(name)} is read from the deployed function; drop it`);
  } else {
    for (const name of ['days', 'endpoint'] as const) if (line.given(name)) throw new UsageError(`${line.label(name)} applies only with --function or --all-functions (or --traffic cloudwatch:FUNCTION)`);
  }
  if (!f['all-functions'] && line.given('max-parallel')) throw new UsageError(`${line.label('max-parallel')} applies only with --all-functions`);
  if (line.given('instance-type') && line.given('instance-types')) throw new UsageError('give either --instance-type or --instance-types, not both');
  if (f.workload !== undefined && f['all-functions']) {
    throw new UsageError(`${line.label('workload')} names one function's handler; with --all-functions each function's checks are found by its name`);
  }
}

/** --what-if FILE.csv describes every function itself: the one-function and deployed flags do not apply. */
function refuseWithFleetFile(line: AdviseLine): void {
  if (!line.given('what-if')) return;
  const perFunction = ['function', 'all-functions', 'requests-per-month', 'rps', 'traffic', 'duration-ms', 'memory-mb', 'cpu-ms', 'runtime', 'arch', 'days', 'endpoint', 'max-parallel', 'workload', 'functions-per-provider', 'lmi-memory', 'lmi-max-concurrency', 'lmi-gib-per-vcpu'] as const;
  const given = perFunction.filter((name) => line.given(name));
  if (given.length > 0) throw new UsageError(`${line.label('what-if')} FILE describes each function in its rows; drop ${given.map((name) => line.label(name)).join(', ')}`);
}

function adviseOptions(f: AdviseValues): AdviseRequest['options'] {
  return {
    region: f.region,
    ...(f['instance-type'] !== undefined ? { instanceType: f['instance-type'] } : {}),
    ...(f['instance-types'] !== undefined ? { instanceTypes: f['instance-types'] } : {}),
    lmiDiscount: f['lmi-discount'],
    lambdaDiscount: f['lambda-discount'],
    functionsPerProvider: f['functions-per-provider'],
    reservation: { vcpus: f['instance-reserve-vcpu'], memoryGiB: f['instance-reserve-gib'] },
    freeTier: f['free-tier'],
    ...(f['lmi-memory'] !== undefined ? { lmiMemoryMb: f['lmi-memory'] } : {}),
    ...(f['lmi-max-concurrency'] !== undefined ? { maxConcurrency: f['lmi-max-concurrency'] } : {}),
    ...(f['lmi-gib-per-vcpu'] !== undefined ? { gibPerVcpu: f['lmi-gib-per-vcpu'] } : {}),
  };
}

/** The workload whose last safety check advise cites: its manifest name and runtimes, when --workload names one. */
async function safetyWorkloadOf(ref: string | undefined): Promise<AdviseRequest['safety']['workload']> {
  if (ref === undefined) return null;
  const { builtInWorkloadNames, loadWorkload } = await import('../../workload/load.ts');
  const isPath = ref.startsWith('.') || ref.includes('/') || ref.includes('\\');
  if (isPath || builtInWorkloadNames().includes(ref)) {
    // A folder (or a built-in): safety kept its result under the manifest's name.
    const workload = loadWorkload(ref);
    return { name: workload.manifest.name, ref, runtimes: runtimes.filter((runtime) => workload.manifest.runtimes[runtime] !== undefined) };
  }
  // A bare name: the workload's manifest name as safety recorded it (its folder may be elsewhere).
  return { name: ref, ref, runtimes: [...runtimes] };
}

/** AWS access: the engine with --endpoint, else the standard credential chain (with --profile), read only when needed. */
async function awsAccess(f: AdviseValues): Promise<AdviseRequest['access']> {
  const env = awsEnv(f);
  const { findAwsCredentials, awsCredentialSources } = await import('../../system/aws-credentials.ts');
  const needsAws = f.function !== undefined || f['all-functions'] || (f.traffic ?? '').startsWith('cloudwatch:');
  let credentials = null;
  if (needsAws && f.endpoint === undefined) {
    credentials = await findAwsCredentials(env);
    if (!credentials) throw new UsageError(`reading functions needs AWS credentials and none were found (looked for ${awsCredentialSources(env)}); or give --endpoint for the local engine`);
  }
  return { region: f.region, ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}), ...(credentials ? { credentials } : {}) };
}

/** The environment the AWS SDK reads, with --profile as AWS_PROFILE. */
function awsEnv(f: AdviseValues): NodeJS.ProcessEnv {
  return f.profile === undefined ? process.env : { ...process.env, AWS_PROFILE: f.profile };
}

async function trafficOf(line: AdviseLine, access: AdviseRequest['access']): Promise<TrafficProfile | null> {
  const f = line.values;
  if (f.traffic !== undefined) return readTrafficSpec(f.traffic, process.cwd(), { ...access, days: f.days, env: awsEnv(f), flag: line.label('traffic'), endpointFlag: true });
  if (f['requests-per-month'] !== undefined) return { ...constantProfile(requestsPerSecondFor(f['requests-per-month'])), name: `requests-per-month:${f['requests-per-month']}` };
  if (f.rps !== undefined) return constantProfile(f.rps);
  return null;
}

/** What advise is asked about: every function, one deployed function, or a what-if from flags. */
function subjectOf(f: AdviseValues, traffic: TrafficProfile | null): AdviseRequest['subject'] {
  const cpuMs = f['cpu-ms'] ?? null;
  if (f['what-if'] !== undefined) return { kind: 'fleet', functions: readFleetCsv(f['what-if']) };
  if (f['all-functions']) return { kind: 'all-functions', days: f.days, cpuMsPerRequest: cpuMs, concurrency: f['max-parallel'] };
  if (f.function !== undefined) return { kind: 'function', name: f.function, days: f.days, cpuMsPerRequest: cpuMs, traffic, runtime: f.runtime ?? null };
  if (!traffic) throw new UsageError('advise needs traffic (--requests-per-month, --rps or --traffic), or a deployed function (--function NAME / --all-functions); see --help');
  const durationMs = f['duration-ms'];
  const memoryMb = f['memory-mb'];
  if (durationMs === undefined || memoryMb === undefined) throw new UsageError('a what-if needs --duration-ms and --memory-mb (or advise on a deployed function with --function NAME)');
  const architecture: Architecture = f.arch ?? (f['instance-type'] !== undefined ? instanceShape(f['instance-type']).architecture : 'x86_64');
  return {
    kind: 'what-if',
    traffic,
    fn: { name: null, memoryMb, architecture, runtime: f.runtime ?? null, timeoutSec: null, meanDurationMs: durationMs, p99DurationMs: null, cpuMsPerRequest: cpuMs, lmi: null },
  };
}

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, adviseFlags);
  if (line.help) {
    process.stdout.write(helpText() + '\n');
    return ExitCode.ok;
  }
  refuseContradictions(line);
  const f = line.values;
  const options = adviseOptions(f);
  const safetyWorkload = await safetyWorkloadOf(f.workload);
  const access = await awsAccess(f);
  const subject = subjectOf(f, await trafficOf(line, access));
  const { runAdvise } = await import('../../advise/run-advise.ts');
  const interactive = process.stderr.isTTY === true;
  await runAdvise(
    {
      subject,
      options,
      access,
      offline: f.offline,
      safety: { outDir: resolve(f.out), workload: safetyWorkload },
      ...(f.json !== undefined ? { jsonPath: f.json } : {}),
      ...(f.html !== undefined ? { htmlPath: f.html } : {}),
    },
    {
      stdout: (text) => process.stdout.write(text),
      // One line rewritten in place on a terminal; plain lines in a log.
      progress: (text) => {
        if (interactive) process.stderr.write(`\r\x1b[2K${text}`);
        else if (text !== '') process.stderr.write(`${text}\n`);
      },
    },
  );
  return ExitCode.ok;
}
