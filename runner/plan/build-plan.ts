/**
 * The bench options (already parsed by the command line) to one validated BenchPlan: the
 * defaults that depend on other options, and the checks that span several (an LMI environment
 * fits its instance, --arch matches the instance type, --keep needs --target aws). Every bad
 * combination is a UsageError here, before anything is deployed, loaded or written. The traffic
 * profile arrives already read (PlanInput.traffic): planning reads no file or CloudWatch for it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { candidateInstanceTypes, instanceShape, type InstanceShape } from '../pricing/instance-types.ts';
import { resolveHandler } from '../workload/load.ts';
import type { Architecture } from '../domain.ts';
import type { BenchPlan } from './plan.ts';
import type { PlanInput } from './options.ts';
import { benchDefaults, defaultLmiMaxConcurrency, defaultLmiMemoryMb } from './defaults.ts';
import { runtimeRegistry } from '../runtimes/registry.ts';
import { checkOutWritable, defaultRunId } from './out-dir.ts';
import { awsCredentialSources, findAwsCredentials } from '../system/aws-credentials.ts';
import { checkEventSize } from './event.ts';

export async function buildPlan(input: PlanInput, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Promise<BenchPlan> {
  const { options: o } = input;
  const workload = o.workload;
  const runtime = o.runtime;
  checkRuntimeOffered(input);
  // The body every request sends: over Lambda's limit, every request of the run would be a 413.
  if (o.event === undefined) checkEventSize(workload.manifest.event, `the "event" of ${join(workload.dir, 'workload.json')}`);
  const loadShape = planLoadShape(input);
  const lmi = planLmi(input);
  checkAwsOnlyOptions(input);
  // --profile is the AWS credentials profile, as everywhere in AWS tooling: every AWS call uses it.
  const awsProfile = o.profile;
  const awsEnv = awsProfile === undefined ? env : { ...env, AWS_PROFILE: awsProfile };
  const { runId, outDir } = await checkOutsideWorld(input, awsEnv, cwd);
  const traffic = input.traffic;
  const sloP99Ms = o['slo-p99-ms'];
  return {
    runId,
    runIdChosenBy: input.given('run-id') ? 'user' : 'default',
    workload,
    runtime,
    target: o.target,
    modes: o.modes,
    concurrency: o.concurrency,
    durationSec: o.duration,
    warmupSec: o.warmup,
    trials: o.trials,
    event: o.event ?? workload.manifest.event,
    timeoutSec: o.timeout,
    lambda: { memoryMb: o.memory ?? workload.manifest.memoryMb, architecture: lmi.architecture, concurrencyLimit: o['concurrency-limit'], idleTimeoutSec: o['idle-timeout'] },
    lmi: lmi.plan,
    region: o.region,
    pricing: { offline: o.offline, lambdaDiscount: o['lambda-discount'], lmiDiscount: o['lmi-discount'], freeTier: o['free-tier'] },
    outDir,
    ...loadShape,
    ...(sloP99Ms !== undefined ? { sloP99Ms } : {}),
    ...(traffic ? { traffic } : {}),
    ...(awsProfile !== undefined ? { awsProfile } : {}),
    ...(o.target === 'aws' ? { aws: { keep: o.keep, maxSpendUsd: o['max-spend'] ?? benchDefaults.aws.maxSpendUsd } } : {}),
  };
}

function checkRuntimeOffered({ options: o }: PlanInput): void {
  if (!o.workload.manifest.runtimes[o.runtime]) {
    const offered = Object.keys(o.workload.manifest.runtimes).join(', ');
    throw new UsageError(`workload '${o.workload.manifest.name}' does not offer runtime ${o.runtime} (it offers: ${offered})`);
  }
  resolveHandler(o.workload, o.runtime);
  const local = runtimeRegistry[o.runtime].localEngine;
  if (o.target === 'local' && local.kind === 'unavailable') throw new UsageError(local.why);
}

/** Levels as rates (open loop) or connections, and the load workers. */
function planLoadShape(input: PlanInput): Pick<BenchPlan, 'rates' | 'load'> {
  const { options: o, label } = input;
  const rates = o.rates;
  if (rates !== undefined && input.given('concurrency')) {
    throw new UsageError(`${label('rates')} and ${label('concurrency')} are alternatives: levels are arrival rates (open loop) or connections (closed loop)`);
  }
  const loadWorkers = o['load-workers'];
  // Side by side is what makes AWS runs short (a 5-minute period serves every variant); it needs
  // load that does not share one machine's link, hence the default with workers only.
  const parallelVariants = input.given('parallel-variants') ? o['parallel-variants'] : o.target === 'aws' && loadWorkers >= 2;
  return {
    ...(rates !== undefined ? { rates: [...rates].sort((a, b) => a - b) } : {}),
    ...(loadWorkers > 1 || parallelVariants ? { load: { workers: loadWorkers, parallelVariants } } : {}),
  };
}

/** The LMI settings: instance types, the emulated type, memory, slots, and the checks that they fit. */
function planLmi(input: PlanInput): { architecture: Architecture; plan: BenchPlan['lmi'] } {
  const { options: o, label } = input;
  const workload = o.workload;
  const pinned = o['instance-type'];
  const architecture = o.arch ?? pinned?.architecture ?? benchDefaults.lmi.architecture;
  if (pinned && o['instance-types'] !== undefined) {
    throw new UsageError(`${label('instance-type')} pins one type and ${label('instance-types')} lists types to choose from: give one of them`);
  }
  const instanceTypes = pinned ? [pinned.instanceType] : candidateInstanceTypes(architecture, o['instance-types']);
  if (instanceTypes.length === 0) throw new UsageError(`no ${architecture} instance type to choose from`);
  const gibPerVcpu = o['lmi-gib-per-vcpu'];
  const lmiMemoryMb = o['lmi-memory'] ?? defaultLmiMemoryMb(workload.manifest.memoryMb, Math.max(...gibPerVcpu));
  // The type the engine emulates (and the stack reports): the pinned one, else the architecture's
  // default when the environments fit on it, else the first candidate they fit on.
  const shape = pinned ?? emulatedShape(architecture, instanceTypes, lmiMemoryMb, gibPerVcpu);
  if (architecture !== shape.architecture) {
    throw new UsageError(
      `${label('arch')} ${architecture} does not match ${shape.instanceType} (${shape.architecture}): both compute types run one architecture, so pick an ${architecture} instance type or drop --arch`,
    );
  }
  const givenMaxConcurrency = o['lmi-max-concurrency'];
  // Not given: each variant gets the per-vCPU default for its own vCPUs (planVariants).
  const maxConcurrency = givenMaxConcurrency ?? [...new Set(gibPerVcpu.map((gib) => defaultLmiMaxConcurrency(o.runtime, lmiMemoryMb, gib)))].sort((a, b) => a - b);
  const minEnvironments = o['lmi-min-environments'];
  const maxVcpus = o['max-vcpus'];
  if (o.modes.includes('lmi')) checkLmiFits({ lmiMemoryMb, gibPerVcpu, shape, minEnvironments, maxVcpus }, input);
  const plan: BenchPlan['lmi'] = {
    memoryMb: lmiMemoryMb,
    maxConcurrency,
    gibPerVcpu,
    minEnvironments,
    instanceType: shape.instanceType,
    instancePinned: pinned !== undefined,
    instanceTypes,
    targetCpuPercent: o['lmi-target-cpu'] ?? [],
    functionsPerProvider: o['functions-per-provider'],
    reserveVcpus: o['instance-reserve-vcpu'],
    reserveMemoryGiB: o['instance-reserve-gib'],
    instanceLaunchDelaySec: o['instance-launch-delay'],
    maxVcpus,
    ...(givenMaxConcurrency === undefined ? { maxConcurrencyPerVcpu: runtimeRegistry[o.runtime].maxConcurrencyPerVcpu } : {}),
  };
  return { architecture, plan };
}

function checkAwsOnlyOptions(input: PlanInput): void {
  if (input.options.target === 'aws') return;
  for (const name of ['keep', 'max-spend'] as const) {
    if (input.given(name)) throw new UsageError(`${input.label(name)} applies only to --target aws`);
  }
}

/**
 * Checks that reach outside the process come last, once the options themselves are known good:
 * AWS credentials (a plan is printed without them, --plan-only: only a run needs them) and the
 * output folder.
 */
async function checkOutsideWorld(input: PlanInput, awsEnv: NodeJS.ProcessEnv, cwd: string): Promise<{ runId: string; outDir: string }> {
  const { options: o, label } = input;
  const outRoot = resolve(cwd, o.out);
  const runId = o['run-id'] ?? defaultRunId(outRoot, o.workload.manifest.name, o.runtime);
  if (o.target === 'aws' && !o['plan-only'] && (await findAwsCredentials(awsEnv)) === null) {
    throw new UsageError(`--target aws needs AWS credentials and none were found (looked for ${awsCredentialSources(awsEnv)})`);
  }
  checkOutWritable(outRoot, label('out'));
  const outDir = join(outRoot, runId);
  if (input.given('run-id') && existsSync(outDir)) throw new UsageError(`${label('run-id')} ${runId} already exists in ${outRoot}: pick another`);
  return { runId, outDir };
}

/**
 * An LMI environment has at least one vCPU (memory / GiB-per-vCPU), must fit on one instance,
 * and the minimum environments must fit under the capacity provider's vCPU limit.
 */
function checkLmiFits(
  lmi: { lmiMemoryMb: number; gibPerVcpu: number[]; shape: InstanceShape; minEnvironments: number; maxVcpus: number },
  input: PlanInput,
): void {
  const memoryGiB = lmi.lmiMemoryMb / 1024;
  if (memoryGiB > lmi.shape.memoryGiB) {
    throw new UsageError(`LMI memory ${lmi.lmiMemoryMb} MB does not fit on ${lmi.shape.instanceType} (${lmi.shape.memoryGiB} GiB): lower --lmi-memory or pick a larger --instance-type`);
  }
  for (const gib of lmi.gibPerVcpu) {
    const vcpus = memoryGiB / gib;
    if (vcpus < 1) {
      throw new UsageError(
        `${input.label('lmi-gib-per-vcpu')} ${gib} with ${lmi.lmiMemoryMb} MB gives ${vcpus} vCPU; an LMI environment needs at least 1 vCPU (use --lmi-memory ${Math.ceil(gib * 1024)} or more)`,
      );
    }
    if (vcpus > lmi.shape.vcpus) {
      throw new UsageError(`an LMI environment of ${vcpus} vCPUs (${lmi.lmiMemoryMb} MB at ${gib} GiB per vCPU) does not fit on ${lmi.shape.instanceType} (${lmi.shape.vcpus} vCPUs)`);
    }
    const needed = Math.ceil(vcpus) * lmi.minEnvironments;
    if (needed > lmi.maxVcpus) {
      throw new UsageError(`${input.label('max-vcpus')} ${lmi.maxVcpus} is below the ${needed} vCPUs that ${lmi.minEnvironments} minimum environments of ${vcpus} vCPUs need`);
    }
  }
}

/** The candidate the local engine emulates when no type is pinned: the architecture's default if an environment fits on it. */
function emulatedShape(architecture: Architecture, candidates: string[], lmiMemoryMb: number, gibPerVcpu: number[]): InstanceShape {
  const fits = (shape: InstanceShape): boolean => gibPerVcpu.every((gib) => lmiMemoryMb / 1024 / gib <= shape.vcpus && lmiMemoryMb / 1024 <= shape.memoryGiB);
  const preferred = benchDefaults.lmi.defaultInstanceType[architecture];
  const shapes = [preferred, ...candidates.filter((c) => c !== preferred)].filter((c) => candidates.includes(c)).map((c) => instanceShape(c));
  return shapes.find(fits) ?? shapes.at(-1) ?? instanceShape(preferred);
}
