/**
 * `lmi-bench advise`: should this function move to LMI, with no bench. A what-if (traffic and the
 * function's duration and memory from flags), one deployed function (--function: its
 * configuration and last N days from the Lambda and CloudWatch APIs, on AWS or the local engine),
 * or every function of a region (--all-functions), priced for a month on both compute types.
 */
import { ExitCode, UsageError } from '../../errors.ts';
import type { Architecture, TrafficProfile } from '../../domain.ts';
import { readCommandLine, flagLabel, type FlagValue } from '../args.ts';
import { accepts, parseDecimal, parseInteger, splitList } from '../../plan/values.ts';
import { benchDefaults, benchLimits } from '../../plan/defaults.ts';
import { constantProfile, looksLikeTrafficSpec, parseProfileSpec, trafficSpecForms } from '../../cost/profiles.ts';
import { hoursPerMonth } from '../../cost/numbers.ts';
import { maxHistoryDays } from '../../cost/function-history.ts';
import { maxLambdaDurationDiscount } from '../../cost/lambda-cost.ts';
import { instanceShape } from '../../pricing/instance-types.ts';

interface AdviseFlag {
  name: string;
  type: 'string' | 'boolean';
  value?: string;
  help: string;
  parse?: (label: string, raw: string) => unknown;
}

const defaultDays = 14;
const defaultParallel = 4;

const flags: AdviseFlag[] = [
  { name: 'function', type: 'string', value: 'NAME', help: 'advise on a deployed function: its configuration and last --days of CloudWatch' },
  { name: 'all-functions', type: 'boolean', help: 'advise on every function of the region (ListFunctions), ranked by monthly saving' },
  { name: 'days', type: 'string', value: 'N', help: `history to read, 1–${maxHistoryDays} (default ${defaultDays}; CloudWatch keeps 1-minute data 15 days)`, parse: (l, raw) => parseInteger(l, raw, { min: 1, max: maxHistoryDays }) },
  { name: 'endpoint', type: 'string', value: 'URL', help: "Lambda and CloudWatch endpoint override: the local engine's control URL" },
  { name: 'profile', type: 'string', value: 'NAME', help: 'AWS credentials profile (as in the AWS CLI and CDK)' },
  { name: 'region', type: 'string', value: 'REGION', help: `AWS region of the functions and of the prices (default ${benchDefaults.region})`, parse: (l, raw) => parseRegion(l, raw) },
  { name: 'max-parallel', type: 'string', value: 'N', help: `--all-functions: functions read at once (default ${defaultParallel})`, parse: (l, raw) => parseInteger(l, raw, { min: 1, max: 32 }) },
  { name: 'requests-per-month', type: 'string', value: 'N', help: 'what-if traffic: requests a month, evenly spread', parse: (l, raw) => parseDecimal(l, raw, { min: 0 }) },
  { name: 'rps', type: 'string', value: 'R', help: 'what-if traffic: a constant rate in requests per second', parse: (l, raw) => parseDecimal(l, raw, { min: 0 }) },
  { name: 'traffic', type: 'string', value: 'SPEC', help: `traffic shape: ${trafficSpecForms}` },
  { name: 'duration-ms', type: 'string', value: 'MS', help: 'mean duration per request on standard Lambda', parse: (l, raw) => parseDecimal(l, raw, { min: 0 }) },
  { name: 'memory-mb', type: 'string', value: 'MB', help: `standard Lambda memory, ${benchLimits.lambdaMemoryMb.min}–${benchLimits.lambdaMemoryMb.max}`, parse: (l, raw) => parseInteger(l, raw, benchLimits.lambdaMemoryMb) },
  { name: 'cpu-ms', type: 'string', value: 'MS', help: 'CPU time per request (without it, the verdict is shown from all-waiting to all-CPU)', parse: (l, raw) => parseDecimal(l, raw, { min: 0 }) },
  { name: 'runtime', type: 'string', value: 'ID', help: "Lambda runtime, e.g. nodejs22.x or python3.13 (checked against LMI's minimum versions)" },
  { name: 'arch', type: 'string', value: 'x86_64|arm64', help: "the function's architecture (default: the instance type's, else x86_64)", parse: (l, raw) => parseArchitecture(l, raw) },
  { name: 'instance-type', type: 'string', value: 'TYPE', help: 'pin the LMI instance type', parse: (_l, raw) => instanceShape(raw) },
  { name: 'instance-types', type: 'string', value: 'LIST', help: "LMI instance types to choose from (default: the architecture's candidates)" },
  { name: 'lmi-discount', type: 'string', value: '0-1', help: 'commitment discount on LMI EC2 instances (Savings Plans / RIs)', parse: (l, raw) => parseDecimal(l, raw, benchLimits.discount) },
  { name: 'lambda-discount', type: 'string', value: `0-${maxLambdaDurationDiscount}`, help: 'Compute Savings Plans discount on Lambda duration', parse: (l, raw) => parseDecimal(l, raw, { min: 0, max: maxLambdaDurationDiscount }) },
  { name: 'functions-per-provider', type: 'string', value: 'N', help: "functions sharing the capacity provider (they share its 3-instance floor)", parse: (l, raw) => parseInteger(l, raw, { min: 1, max: 10_000 }) },
  { name: 'lmi-memory', type: 'string', value: 'MB', help: `LMI function memory (default max(${benchDefaults.lmi.minMemoryMb}, the function's))`, parse: (l, raw) => parseInteger(l, raw, { min: benchLimits.lmiMemoryMb.min, max: 32768 }) },
  { name: 'lmi-max-concurrency', type: 'string', value: 'N', help: "PerExecutionEnvironmentMaxConcurrency (default: the runtime's per-vCPU default)", parse: (l, raw) => parseInteger(l, raw, benchLimits.lmiMaxConcurrency) },
  { name: 'lmi-gib-per-vcpu', type: 'string', value: 'X', help: 'ExecutionEnvironmentMemoryGiBPerVCpu, 2–8 (default 2)', parse: (l, raw) => parseDecimal(l, raw, benchLimits.lmiGibPerVcpu) },
  { name: 'free-tier', type: 'boolean', help: "apply standard Lambda's monthly free tier" },
  { name: 'offline', type: 'boolean', help: 'use the committed price snapshot, never the Price List API' },
  { name: 'json', type: 'string', value: 'FILE', help: 'also write the figures as JSON (atomically)' },
  { name: 'html', type: 'string', value: 'FILE', help: "also write a self-contained HTML page (the report's look)" },
];

function helpText(): string {
  const shown = flags.map((flag) => ({ left: `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`, flag }));
  const width = Math.max(...shown.map((s) => s.left.length));
  return [
    'usage: lmi-bench advise (--function NAME | --all-functions | WHAT-IF) [options]',
    '',
    'Should this function move to Lambda Managed Instances? A month at your traffic on standard Lambda and on LMI,',
    'with the instances and settings LMI would use, the saving, the break-even rate and the risks. No bench needed.',
    '',
    '  what-if:   lmi-bench advise --requests-per-month 50000000 --duration-ms 120 --memory-mb 1024 --cpu-ms 10 --arch arm64',
    '  deployed:  lmi-bench advise --function my-fn --profile my-sso --region eu-west-1',
    '  a region:  lmi-bench advise --all-functions --region eu-west-1 --html advice.html',
    '',
    'options:',
    ...shown.map(({ left, flag }) => `  ${left.padEnd(width)}  ${flag.help}`),
  ].join('\n');
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d$/;

function parseRegion(label: string, raw: string): string {
  if (!regionPattern.test(raw.trim())) throw new UsageError(`${label} must be an AWS region code like us-east-1, got '${raw}'`);
  return raw.trim();
}

function parseArchitecture(label: string, raw: string): Architecture {
  if (raw === 'x86_64' || raw === 'arm64') return raw;
  throw new UsageError(`${label} must be x86_64 or arm64, got '${raw}'`);
}

class Values {
  constructor(private readonly values: Map<string, FlagValue>) {}
  given(name: string): boolean {
    return this.values.has(name);
  }
  label(name: string): string {
    return flagLabel(name, this.values.get(name));
  }
  text(name: string): string | undefined {
    const raw = this.values.get(name)?.raw;
    return typeof raw === 'string' ? raw : undefined;
  }
  bool(name: string): boolean {
    return this.values.get(name)?.raw === true;
  }
  number(name: string): number | undefined {
    const raw = this.text(name);
    const parse = flags.find((flag) => flag.name === name)?.parse;
    return raw === undefined || !parse ? undefined : (parse(this.label(name), raw) as number);
  }
}

export async function run(argv: string[]): Promise<number> {
  const line = readCommandLine(
    argv,
    process.env,
    flags.map((flag) => ({ name: flag.name, type: flag.type, ...(flag.parse ? { accepts: accepts((raw) => flag.parse?.('', raw)) } : {}) })),
  );
  if (line.help) {
    process.stdout.write(helpText() + '\n');
    return ExitCode.ok;
  }
  const v = new Values(line.values);
  // Every value is checked before anything is read or priced.
  for (const flag of flags) if (flag.parse && v.given(flag.name)) v.number(flag.name);

  const profileName = v.text('profile');
  if (profileName !== undefined && looksLikeTrafficSpec(profileName)) {
    throw new UsageError(`${v.label('profile')} names the AWS credentials profile; give the traffic shape with --traffic ${profileName}`);
  }
  const env = profileName === undefined ? process.env : { ...process.env, AWS_PROFILE: profileName };

  const region = (v.given('region') ? (v.text('region') as string).trim() : undefined) ?? benchDefaults.region;
  const endpoint = v.text('endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new UsageError(`${v.label('endpoint')} must be an http(s) URL, got '${endpoint}'`);
  const subjects = ['function', 'all-functions'].filter((name) => v.given(name) && (name !== 'all-functions' || v.bool(name)));
  if (subjects.length > 1) throw new UsageError('give either --function NAME or --all-functions, not both');
  const deployed = subjects.length === 1;
  const trafficFlags = ['requests-per-month', 'rps', 'traffic'].filter((name) => v.given(name));
  if (trafficFlags.length > 1) throw new UsageError(`give one traffic: ${trafficFlags.map((name) => `--${name}`).join(' or ')}`);
  if (v.bool('all-functions') && trafficFlags.length > 0) throw new UsageError('--all-functions reads each function\'s own traffic; drop ' + trafficFlags.map((n) => `--${n}`).join(', '));
  if (deployed) {
    for (const name of ['duration-ms', 'memory-mb']) if (v.given(name)) throw new UsageError(`--${name} is read from the deployed function; drop it`);
  } else {
    for (const name of ['days', 'max-parallel']) if (v.given(name)) throw new UsageError(`--${name} applies only with --function or --all-functions`);
  }
  if (!v.bool('all-functions') && v.given('max-parallel')) throw new UsageError('--max-parallel applies only with --all-functions');

  const instanceType = v.text('instance-type');
  const instanceTypes = v.text('instance-types');
  if (instanceType !== undefined && instanceTypes !== undefined) throw new UsageError('give either --instance-type or --instance-types, not both');
  const candidates = instanceTypes === undefined ? undefined : splitList(v.label('instance-types'), instanceTypes).map((type) => instanceShape(type).instanceType);
  const lmiMemoryMb = v.number('lmi-memory');
  const maxConcurrency = v.number('lmi-max-concurrency');
  const gibPerVcpu = v.number('lmi-gib-per-vcpu');
  const options = {
    region,
    ...(instanceType !== undefined ? { instanceType } : {}),
    ...(candidates !== undefined ? { instanceTypes: candidates } : {}),
    lmiDiscount: v.number('lmi-discount') ?? 0,
    lambdaDiscount: v.number('lambda-discount') ?? 0,
    functionsPerProvider: v.number('functions-per-provider') ?? 1,
    freeTier: v.bool('free-tier'),
    ...(lmiMemoryMb !== undefined ? { lmiMemoryMb } : {}),
    ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
    ...(gibPerVcpu !== undefined ? { gibPerVcpu } : {}),
  };
  const cpuMs = v.number('cpu-ms') ?? null;
  const days = v.number('days') ?? defaultDays;

  // AWS access: the engine with --endpoint, else the standard credential chain (with --profile).
  const { findAwsCredentials, awsCredentialSources } = await import('../../plan/aws-credentials.ts');
  const needsAws = deployed || (v.text('traffic') ?? '').startsWith('cloudwatch:');
  let credentials = null;
  if (needsAws && endpoint === undefined) {
    credentials = await findAwsCredentials(env);
    if (!credentials) throw new UsageError(`reading functions needs AWS credentials and none were found (looked for ${awsCredentialSources(env)}); or give --endpoint for the local engine`);
  }
  const access = { region, ...(endpoint !== undefined ? { endpoint } : {}), ...(credentials ? { credentials } : {}) };
  const readFunction = async (name: string): Promise<TrafficProfile> => {
    const { invocationHistory } = await import('../../cost/function-history.ts');
    return invocationHistory({ functionName: name, days, ...access });
  };
  const trafficSpec = v.text('traffic');
  let traffic: TrafficProfile | null = null;
  if (trafficSpec !== undefined) {
    if (looksLikeTrafficSpec(trafficSpec) || trafficSpec.includes(':')) traffic = await parseProfileSpec(trafficSpec, process.cwd(), readFunction);
    else throw new UsageError(`bad --traffic '${trafficSpec}': expected ${trafficSpecForms}`);
  } else if (v.given('requests-per-month')) {
    const perMonth = v.number('requests-per-month') as number;
    traffic = { ...constantProfile(perMonth / (hoursPerMonth * 3600)), name: `requests-per-month:${perMonth}` };
  } else if (v.given('rps')) {
    traffic = constantProfile(v.number('rps') as number);
  }

  const { runAdvise } = await import('../../advise/run-advise.ts');
  type Subject = Parameters<typeof runAdvise>[0]['subject'];
  let subject: Subject;
  if (v.bool('all-functions')) {
    subject = { kind: 'all-functions', days, cpuMsPerRequest: cpuMs, concurrency: v.number('max-parallel') ?? defaultParallel };
  } else if (v.given('function')) {
    subject = { kind: 'function', name: v.text('function') as string, days, cpuMsPerRequest: cpuMs, traffic, runtime: v.text('runtime') ?? null };
  } else {
    if (!traffic) throw new UsageError('advise needs traffic (--requests-per-month, --rps or --traffic), or a deployed function (--function NAME / --all-functions); see --help');
    const durationMs = v.number('duration-ms');
    const memoryMb = v.number('memory-mb');
    if (durationMs === undefined || memoryMb === undefined) throw new UsageError('a what-if needs --duration-ms and --memory-mb (or advise on a deployed function with --function NAME)');
    const arch = (v.given('arch') ? (v.text('arch') as Architecture) : undefined) ?? (instanceType !== undefined ? instanceShape(instanceType).architecture : 'x86_64');
    subject = {
      kind: 'what-if',
      traffic,
      fn: { name: null, memoryMb, architecture: arch, runtime: v.text('runtime') ?? null, timeoutSec: null, meanDurationMs: durationMs, p99DurationMs: null, cpuMsPerRequest: cpuMs, lmi: null },
    };
  }
  if (deployed && v.given('arch')) throw new UsageError('--arch is read from the deployed function; drop it');

  const interactive = process.stderr.isTTY === true;
  await runAdvise(
    {
      subject,
      options,
      access,
      offline: v.bool('offline'),
      ...(v.text('json') !== undefined ? { jsonPath: v.text('json') as string } : {}),
      ...(v.text('html') !== undefined ? { htmlPath: v.text('html') as string } : {}),
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
