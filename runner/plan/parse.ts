/**
 * `lmi-bench bench` flags (and npm's renderings of them) to one validated BenchPlan. Every bad
 * input is a UsageError here, before anything is deployed, loaded or written.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { flagLabel, readCommandLine, type FlagSpec, type FlagValue } from '../cli/args.ts';
import { instanceShape, type InstanceShape } from '../pricing/instance-types.ts';
import { loadWorkload, resolveHandler } from '../workload/load.ts';
import { runtimes } from '../workload/manifest.ts';
import type { BenchPlan } from './plan.ts';
import { benchDefaults, benchLimits, defaultLmiMaxConcurrency, defaultLmiMemoryMb } from './defaults.ts';
import { benchFlags, benchHelpText } from './flags.ts';
import { accepts, parseChoice, parseChoiceList, parseDecimal, parseDecimalList, parseInteger, parseIntegerList, parsePositiveSeconds } from './values.ts';
import { parseEvent } from './event.ts';
import { checkOutWritable, defaultRunId, validateRunId } from './out-dir.ts';
import { awsCredentialSources, findAwsCredentials } from './aws-credentials.ts';
import { parseProfileSpec } from '../cost/profiles.ts';
import type { Architecture, Mode, TargetKind } from '../domain.ts';

export type BenchArgs = { kind: 'plan'; plan: BenchPlan; planOnly: boolean } | { kind: 'help'; text: string };

const targets: readonly TargetKind[] = ['local', 'aws'];
const modes: readonly Mode[] = ['lambda', 'lmi'];
const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Spellings of the two architectures people (and npm's own `arch` config) use. */
const architectureAliases: Record<string, Architecture> = { x86_64: 'x86_64', x64: 'x86_64', amd64: 'x86_64', arm64: 'arm64', aarch64: 'arm64' };

/** Value parsers that need only the raw text: they decide which flag an npm-detached value fits. */
function shapeParsers(cwd: string): Record<string, (raw: string) => unknown> {
  const label = (name: string): string => `--${name}`;
  return {
    workload: (raw) => loadWorkload(raw, cwd),
    runtime: (raw) => parseChoice(label('runtime'), raw, runtimes),
    target: (raw) => parseChoice(label('target'), raw, targets),
    modes: (raw) => parseChoiceList(label('modes'), raw, modes),
    concurrency: (raw) => parseIntegerList(label('concurrency'), raw, benchLimits.concurrency),
    rates: (raw) => parseDecimalList(label('rates'), raw, benchLimits.rate),
    'load-workers': (raw) => parseInteger(label('load-workers'), raw, benchLimits.loadWorkers),
    duration: (raw) => parsePositiveSeconds(label('duration'), raw),
    warmup: (raw) => parseDecimal(label('warmup'), raw, { min: 0 }),
    trials: (raw) => parseInteger(label('trials'), raw, benchLimits.trials),
    memory: (raw) => parseInteger(label('memory'), raw, benchLimits.lambdaMemoryMb),
    'lmi-memory': (raw) => parseInteger(label('lmi-memory'), raw, benchLimits.lmiMemoryMb),
    'lmi-max-concurrency': (raw) => parseIntegerList(label('lmi-max-concurrency'), raw, benchLimits.lmiMaxConcurrency),
    'lmi-gib-per-vcpu': (raw) => parseDecimalList(label('lmi-gib-per-vcpu'), raw, benchLimits.lmiGibPerVcpu),
    'lmi-min-environments': (raw) => parseInteger(label('lmi-min-environments'), raw, benchLimits.lmiMinEnvironments),
    'instance-type': (raw) => instanceShape(raw),
    'max-vcpus': (raw) => parseInteger(label('max-vcpus'), raw, benchLimits.maxVcpus),
    'concurrency-limit': (raw) => parseInteger(label('concurrency-limit'), raw, benchLimits.lambdaConcurrencyLimit),
    'idle-timeout': (raw) => parsePositiveSeconds(label('idle-timeout'), raw),
    timeout: (raw) => parseInteger(label('timeout'), raw, benchLimits.timeoutSec),
    arch: (raw) => parseArchitecture(label('arch'), raw),
    region: (raw) => parseRegion(label('region'), raw),
    discount: (raw) => parseDecimal(label('discount'), raw, benchLimits.discount),
    event: (raw) => parseEvent(label('event'), raw, cwd),
    'run-id': (raw) => validateRunId(raw, label('run-id')),
    'max-spend': (raw) => parseDecimal(label('max-spend'), raw, { min: 0 }),
    'slo-p99-ms': (raw) => parseSloMs(label('slo-p99-ms'), raw),
    profile: (raw) => {
      if (!/^(constant|diurnal|csv):/.test(raw)) throw new UsageError(`bad --profile '${raw}'`);
    },
  };
}

export async function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Promise<BenchArgs> {
  const parsers = shapeParsers(cwd);
  const specs: FlagSpec[] = benchFlags.map((flag) => {
    const parse = parsers[flag.name];
    return { name: flag.name, type: flag.type, ...(parse ? { accepts: accepts(parse) } : {}) };
  });
  const line = readCommandLine(argv, env, specs, { positionalFlag: 'workload' });
  if (line.help) return { kind: 'help', text: benchHelpText() };
  const flags = new Flags(line.values);

  const workload = loadWorkload(flags.text('workload') ?? benchDefaults.workload, cwd);
  const runtime = flags.parse('runtime', (l, raw) => parseChoice(l, raw, runtimes)) ?? benchDefaults.runtime;
  if (!workload.manifest.runtimes[runtime]) {
    const offered = Object.keys(workload.manifest.runtimes).join(', ');
    throw new UsageError(`workload '${workload.manifest.name}' does not offer runtime ${runtime} (it offers: ${offered})`);
  }
  resolveHandler(workload, runtime);

  const target = flags.parse('target', (l, raw) => parseChoice(l, raw, targets)) ?? benchDefaults.target;
  const chosenModes = flags.parse('modes', (l, raw) => parseChoiceList(l, raw, modes)) ?? [...benchDefaults.modes];
  const concurrency = flags.parse('concurrency', (l, raw) => parseIntegerList(l, raw, benchLimits.concurrency)) ?? [...benchDefaults.concurrency];
  const rates = flags.parse('rates', (l, raw) => parseDecimalList(l, raw, benchLimits.rate));
  if (rates !== undefined && flags.given('concurrency')) {
    throw new UsageError(`${flags.label('rates')} and ${flags.label('concurrency')} are alternatives: levels are arrival rates (open loop) or connections (closed loop)`);
  }
  const loadWorkers = flags.parse('load-workers', (l, raw) => parseInteger(l, raw, benchLimits.loadWorkers)) ?? benchDefaults.loadWorkers;
  // Side by side is what makes AWS runs short (a 5-minute period serves every variant); it needs
  // load that does not share one machine's link, hence the default with workers only.
  const parallelVariants = flags.bool('parallel-variants') ?? (target === 'aws' && loadWorkers >= 2);
  const durationSec = flags.parse('duration', parsePositiveSeconds) ?? benchDefaults.durationSec;
  const warmupSec = flags.parse('warmup', (l, raw) => parseDecimal(l, raw, { min: 0 })) ?? benchDefaults.warmupSec;
  const trials = flags.parse('trials', (l, raw) => parseInteger(l, raw, benchLimits.trials)) ?? benchDefaults.trials;
  const timeoutSec = flags.parse('timeout', (l, raw) => parseInteger(l, raw, benchLimits.timeoutSec)) ?? benchDefaults.timeoutSec;

  const memoryMb = flags.parse('memory', (l, raw) => parseInteger(l, raw, benchLimits.lambdaMemoryMb)) ?? workload.manifest.memoryMb;
  const instanceType = flags.text('instance-type') ?? benchDefaults.lmi.instanceType;
  const shape = instanceShape(instanceType);
  const architecture = flags.parse('arch', parseArchitecture) ?? shape.architecture;
  if (architecture !== shape.architecture) {
    throw new UsageError(
      `${flags.label('arch')} ${architecture} does not match ${instanceType} (${shape.architecture}): both compute types run one architecture, so pick an ${architecture} instance type or drop --arch`,
    );
  }
  const gibPerVcpu = flags.parse('lmi-gib-per-vcpu', (l, raw) => parseDecimalList(l, raw, benchLimits.lmiGibPerVcpu)) ?? [...benchDefaults.lmi.gibPerVcpu];
  const lmiMemoryMb =
    flags.parse('lmi-memory', (l, raw) => parseLmiMemory(l, raw)) ?? defaultLmiMemoryMb(workload.manifest.memoryMb, Math.max(...gibPerVcpu));
  const givenMaxConcurrency = flags.parse('lmi-max-concurrency', (l, raw) => parseIntegerList(l, raw, benchLimits.lmiMaxConcurrency));
  // Not given: each variant gets the per-vCPU default for its own vCPUs (planVariants).
  const maxConcurrency = givenMaxConcurrency ?? [...new Set(gibPerVcpu.map((gib) => defaultLmiMaxConcurrency(runtime, lmiMemoryMb, gib)))].sort((a, b) => a - b);
  const minEnvironments = flags.parse('lmi-min-environments', (l, raw) => parseInteger(l, raw, benchLimits.lmiMinEnvironments)) ?? benchDefaults.lmi.minEnvironments;
  const maxVcpus = flags.parse('max-vcpus', (l, raw) => parseInteger(l, raw, benchLimits.maxVcpus)) ?? benchDefaults.lmi.maxVcpus;
  if (chosenModes.includes('lmi')) checkLmiFits({ lmiMemoryMb, gibPerVcpu, shape, minEnvironments, maxVcpus }, flags);

  const concurrencyLimit = flags.parse('concurrency-limit', (l, raw) => parseInteger(l, raw, benchLimits.lambdaConcurrencyLimit)) ?? benchDefaults.lambda.concurrencyLimit;
  const idleTimeoutSec = flags.parse('idle-timeout', parsePositiveSeconds) ?? benchDefaults.lambda.idleTimeoutSec;
  const region = flags.parse('region', parseRegion) ?? benchDefaults.region;
  const discount = flags.parse('discount', (l, raw) => parseDecimal(l, raw, benchLimits.discount)) ?? benchDefaults.pricing.discount;
  const event = flags.parse('event', (l, raw) => parseEvent(l, raw, cwd)) ?? workload.manifest.event;

  const sloP99Ms = flags.parse('slo-p99-ms', parseSloMs);
  const profileSpec = flags.text('profile');
  const profile = profileSpec === undefined ? undefined : { spec: profileSpec, traffic: await parseProfileSpec(profileSpec, cwd) };
  const keep = flags.bool('keep');
  const maxSpendUsd = flags.parse('max-spend', (l, raw) => parseDecimal(l, raw, { min: 0 }));
  if (target !== 'aws') {
    for (const name of ['keep', 'max-spend'] as const) {
      if (flags.given(name)) throw new UsageError(`${flags.label(name)} applies only to --target aws`);
    }
  }

  const outRoot = resolve(cwd, flags.text('out') ?? benchDefaults.out);
  const runId = flags.parse('run-id', (l, raw) => validateRunId(raw, l)) ?? defaultRunId(outRoot, workload.manifest.name, runtime);

  // Checks that reach outside the process come last, once the flags themselves are known good.
  if (target === 'aws' && (await findAwsCredentials(env)) === null) {
    throw new UsageError(`--target aws needs AWS credentials and none were found (looked for ${awsCredentialSources(env)})`);
  }
  checkOutWritable(outRoot, flags.label('out'));
  const outDir = join(outRoot, runId);
  if (flags.given('run-id') && existsSync(outDir)) throw new UsageError(`${flags.label('run-id')} ${runId} already exists in ${outRoot}: pick another`);

  const plan: BenchPlan = {
    runId,
    runIdChosenBy: flags.given('run-id') ? 'user' : 'default',
    workload,
    runtime,
    target,
    modes: chosenModes,
    concurrency,
    durationSec,
    warmupSec,
    trials,
    event,
    timeoutSec,
    lambda: { memoryMb, architecture, concurrencyLimit, idleTimeoutSec },
    lmi: {
      memoryMb: lmiMemoryMb,
      maxConcurrency,
      gibPerVcpu,
      minEnvironments,
      instanceType,
      maxVcpus,
      ...(givenMaxConcurrency === undefined ? { maxConcurrencyPerVcpu: benchDefaults.lmi.maxConcurrencyPerVcpu[runtime] } : {}),
    },
    region,
    pricing: { offline: flags.bool('offline') ?? benchDefaults.pricing.offline, discount, freeTier: flags.bool('free-tier') ?? benchDefaults.pricing.freeTier },
    outDir,
    ...(rates !== undefined ? { rates: [...rates].sort((a, b) => a - b) } : {}),
    ...(loadWorkers > 1 || parallelVariants ? { load: { workers: loadWorkers, parallelVariants } } : {}),
    ...(sloP99Ms !== undefined ? { sloP99Ms } : {}),
    ...(profile ? { profile } : {}),
    ...(target === 'aws' ? { aws: { keep: keep ?? benchDefaults.aws.keep, maxSpendUsd: maxSpendUsd ?? benchDefaults.aws.maxSpendUsd } } : {}),
  };
  return { kind: 'plan', plan, planOnly: flags.bool('plan-only') ?? false };
}

/** Read access to the merged flag values, naming each flag by where it came from in errors. */
class Flags {
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

  bool(name: string): boolean | undefined {
    const raw = this.values.get(name)?.raw;
    return typeof raw === 'boolean' ? raw : undefined;
  }

  parse<T>(name: string, parse: (label: string, raw: string) => T): T | undefined {
    const raw = this.text(name);
    return raw === undefined ? undefined : parse(this.label(name), raw);
  }
}

function parseArchitecture(label: string, raw: string): Architecture {
  const architecture = architectureAliases[raw.trim().toLowerCase()];
  if (!architecture) throw new UsageError(`${label} must be x86_64 or arm64, got '${raw}'`);
  return architecture;
}

function parseRegion(label: string, raw: string): string {
  const region = raw.trim();
  if (!regionPattern.test(region)) throw new UsageError(`${label} must be an AWS region code like us-east-1, got '${raw}'`);
  return region;
}

function parseSloMs(label: string, raw: string): number {
  const value = parseDecimal(label, raw, { min: 0 });
  if (value <= 0) throw new UsageError(`${label} must be a positive number of milliseconds, got '${raw}'`);
  return value;
}

function parseLmiMemory(label: string, raw: string): number {
  const value = parseInteger(label, raw, {});
  if (value < benchLimits.lmiMemoryMb.min) {
    throw new UsageError(`${label} must be at least ${benchLimits.lmiMemoryMb.min} MB (the smallest LMI function), got '${raw}'`);
  }
  return value;
}

/**
 * An LMI environment has at least one vCPU (memory / GiB-per-vCPU), must fit on one instance,
 * and the minimum environments must fit under the capacity provider's vCPU limit.
 */
function checkLmiFits(
  lmi: { lmiMemoryMb: number; gibPerVcpu: number[]; shape: InstanceShape; minEnvironments: number; maxVcpus: number },
  flags: Flags,
): void {
  const memoryGiB = lmi.lmiMemoryMb / 1024;
  if (memoryGiB > lmi.shape.memoryGiB) {
    throw new UsageError(`LMI memory ${lmi.lmiMemoryMb} MB does not fit on ${lmi.shape.instanceType} (${lmi.shape.memoryGiB} GiB): lower --lmi-memory or pick a larger --instance-type`);
  }
  for (const gib of lmi.gibPerVcpu) {
    const vcpus = memoryGiB / gib;
    if (vcpus < 1) {
      throw new UsageError(
        `${flags.label('lmi-gib-per-vcpu')} ${gib} with ${lmi.lmiMemoryMb} MB gives ${vcpus} vCPU; an LMI environment needs at least 1 vCPU (use --lmi-memory ${Math.ceil(gib * 1024)} or more)`,
      );
    }
    if (vcpus > lmi.shape.vcpus) {
      throw new UsageError(`an LMI environment of ${vcpus} vCPUs (${lmi.lmiMemoryMb} MB at ${gib} GiB per vCPU) does not fit on ${lmi.shape.instanceType} (${lmi.shape.vcpus} vCPUs)`);
    }
    const needed = Math.ceil(vcpus) * lmi.minEnvironments;
    if (needed > lmi.maxVcpus) {
      throw new UsageError(`${flags.label('max-vcpus')} ${lmi.maxVcpus} is below the ${needed} vCPUs that ${lmi.minEnvironments} minimum environments of ${vcpus} vCPUs need`);
    }
  }
}
