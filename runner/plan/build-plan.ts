/**
 * The bench options (already parsed by the command line) to one validated BenchPlan: the
 * defaults that depend on other options, and the checks that span several (an LMI environment
 * fits its instance, --arch matches the instance type, --keep needs --target aws). Every bad
 * combination is a UsageError here, before anything is deployed, loaded or written.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { candidateInstanceTypes, instanceShape, type InstanceShape } from '../pricing/instance-types.ts';
import { resolveHandler } from '../workload/load.ts';
import type { Architecture } from '../domain.ts';
import type { BenchPlan } from './plan.ts';
import type { TrafficProfile } from '../domain.ts';
import type { PlanInput } from './options.ts';
import { benchDefaults, defaultLmiMaxConcurrency, defaultLmiMemoryMb } from './defaults.ts';
import { checkOutWritable, defaultRunId } from './out-dir.ts';
import { awsCredentialSources, findAwsCredentials } from '../system/aws-credentials.ts';
import { parseProfileSpec } from '../cost/profiles.ts';

export async function buildPlan(input: PlanInput, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Promise<BenchPlan> {
  const { options: o, label } = input;
  const workload = o.workload;
  const runtime = o.runtime;
  if (!workload.manifest.runtimes[runtime]) {
    const offered = Object.keys(workload.manifest.runtimes).join(', ');
    throw new UsageError(`workload '${workload.manifest.name}' does not offer runtime ${runtime} (it offers: ${offered})`);
  }
  resolveHandler(workload, runtime);

  const target = o.target;
  const rates = o.rates;
  if (rates !== undefined && input.given('concurrency')) {
    throw new UsageError(`${label('rates')} and ${label('concurrency')} are alternatives: levels are arrival rates (open loop) or connections (closed loop)`);
  }
  const loadWorkers = o['load-workers'];
  // Side by side is what makes AWS runs short (a 5-minute period serves every variant); it needs
  // load that does not share one machine's link, hence the default with workers only.
  const parallelVariants = input.given('parallel-variants') ? o['parallel-variants'] : target === 'aws' && loadWorkers >= 2;
  const memoryMb = o.memory ?? workload.manifest.memoryMb;
  const pinned = o['instance-type'];
  const architecture = o.arch ?? pinned?.architecture ?? benchDefaults.lmi.architecture;
  if (pinned && o['instance-types'] !== undefined) {
    throw new UsageError(`${label('instance-type')} pins one type and ${label('instance-types')} lists types to choose from: give one of them`);
  }
  const instanceTypes = pinned ? [pinned.instanceType] : candidateInstanceTypes(architecture, o['instance-types']);
  if (instanceTypes.length === 0) throw new UsageError(`no ${architecture} instance type to choose from`);
  const gibForShape = o['lmi-gib-per-vcpu'];
  const memoryForShape = o['lmi-memory'] ?? defaultLmiMemoryMb(workload.manifest.memoryMb, Math.max(...gibForShape));
  // The type the engine emulates (and the stack reports): the pinned one, else the architecture's
  // default when the environments fit on it, else the first candidate they fit on.
  const emulated = pinned ?? emulatedShape(architecture, instanceTypes, memoryForShape, gibForShape);
  const shape = emulated;
  const instanceType = shape.instanceType;
  if (architecture !== shape.architecture) {
    throw new UsageError(
      `${label('arch')} ${architecture} does not match ${instanceType} (${shape.architecture}): both compute types run one architecture, so pick an ${architecture} instance type or drop --arch`,
    );
  }
  const gibPerVcpu = o['lmi-gib-per-vcpu'];
  const lmiMemoryMb = o['lmi-memory'] ?? defaultLmiMemoryMb(workload.manifest.memoryMb, Math.max(...gibPerVcpu));
  const givenMaxConcurrency = o['lmi-max-concurrency'];
  // Not given: each variant gets the per-vCPU default for its own vCPUs (planVariants).
  const maxConcurrency = givenMaxConcurrency ?? [...new Set(gibPerVcpu.map((gib) => defaultLmiMaxConcurrency(runtime, lmiMemoryMb, gib)))].sort((a, b) => a - b);
  const minEnvironments = o['lmi-min-environments'];
  const maxVcpus = o['max-vcpus'];
  if (o.modes.includes('lmi')) checkLmiFits({ lmiMemoryMb, gibPerVcpu, shape, minEnvironments, maxVcpus }, input);

  // --profile is the AWS credentials profile, as everywhere in AWS tooling: every AWS call below uses it.
  const awsProfile = o.profile;
  const awsEnv = awsProfile === undefined ? env : { ...env, AWS_PROFILE: awsProfile };
  const readFunction = async (functionName: string): Promise<TrafficProfile> => {
    const credentials = await findAwsCredentials(awsEnv);
    if (!credentials) throw new UsageError(`${label('traffic')} cloudwatch:${functionName} reads CloudWatch and needs AWS credentials (looked for ${awsCredentialSources(awsEnv)})`);
    const { invocationHistory } = await import('../cost/function-history.ts');
    return invocationHistory({ functionName, region: o.region, days: 14, credentials });
  };
  const traffic = o.traffic === undefined ? undefined : { spec: o.traffic, traffic: await parseProfileSpec(o.traffic, cwd, readFunction) };
  if (target !== 'aws') {
    for (const name of ['keep', 'max-spend'] as const) {
      if (input.given(name)) throw new UsageError(`${label(name)} applies only to --target aws`);
    }
  }

  const outRoot = resolve(cwd, o.out);
  const runId = o['run-id'] ?? defaultRunId(outRoot, workload.manifest.name, runtime);

  // Checks that reach outside the process come last, once the options themselves are known good.
  // A plan is printed without credentials (--plan-only): only a run needs them.
  if (target === 'aws' && !o['plan-only'] && (await findAwsCredentials(awsEnv)) === null) {
    throw new UsageError(`--target aws needs AWS credentials and none were found (looked for ${awsCredentialSources(awsEnv)})`);
  }
  checkOutWritable(outRoot, label('out'));
  const outDir = join(outRoot, runId);
  if (input.given('run-id') && existsSync(outDir)) throw new UsageError(`${label('run-id')} ${runId} already exists in ${outRoot}: pick another`);

  const sloP99Ms = o['slo-p99-ms'];
  const plan: BenchPlan = {
    runId,
    runIdChosenBy: input.given('run-id') ? 'user' : 'default',
    workload,
    runtime,
    target,
    modes: o.modes,
    concurrency: o.concurrency,
    durationSec: o.duration,
    warmupSec: o.warmup,
    trials: o.trials,
    event: o.event ?? workload.manifest.event,
    timeoutSec: o.timeout,
    lambda: { memoryMb, architecture, concurrencyLimit: o['concurrency-limit'], idleTimeoutSec: o['idle-timeout'] },
    lmi: {
      memoryMb: lmiMemoryMb,
      maxConcurrency,
      gibPerVcpu,
      minEnvironments,
      instanceType,
      instancePinned: pinned !== undefined,
      instanceTypes,
      targetCpuPercent: o['lmi-target-cpu'] ?? [],
      functionsPerProvider: o['functions-per-provider'],
      reserveVcpus: o['instance-reserve-vcpu'],
      reserveMemoryGiB: o['instance-reserve-gib'],
      instanceLaunchDelaySec: o['instance-launch-delay'],
      maxVcpus,
      ...(givenMaxConcurrency === undefined ? { maxConcurrencyPerVcpu: benchDefaults.lmi.maxConcurrencyPerVcpu[runtime] } : {}),
    },
    region: o.region,
    pricing: { offline: o.offline, lambdaDiscount: o['lambda-discount'], lmiDiscount: o['lmi-discount'], freeTier: o['free-tier'] },
    outDir,
    ...(rates !== undefined ? { rates: [...rates].sort((a, b) => a - b) } : {}),
    ...(loadWorkers > 1 || parallelVariants ? { load: { workers: loadWorkers, parallelVariants } } : {}),
    ...(sloP99Ms !== undefined ? { sloP99Ms } : {}),
    ...(traffic ? { traffic } : {}),
    ...(awsProfile !== undefined ? { awsProfile } : {}),
    ...(target === 'aws' ? { aws: { keep: o.keep, maxSpendUsd: o['max-spend'] ?? benchDefaults.aws.maxSpendUsd } } : {}),
  };
  return plan;
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
