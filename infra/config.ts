/**
 * The bench stack's inputs, read from CDK context and validated before any construct is
 * made, so that a bad `-c` value fails synth with one line instead of a CDK stack trace.
 */
import { extname } from 'node:path';
import type { Workload } from '../runner/workload/manifest.ts';
import { runtimeRegistry, runtimes, type Runtime } from '../runner/runtimes/registry.ts';
import { loadWorkload, resolveHandler } from '../runner/workload/load.ts';
import { instanceShape, type InstanceShape } from '../runner/pricing/instance-types.ts';
import { benchDefaults } from '../runner/plan/defaults.ts';
import { defaultVariants } from '../runner/plan/variants.ts';
import { contextKeys, type FrontDoorKind } from './naming.ts';
import type { Architecture, Variant } from '../runner/domain.ts';

export interface BenchStackConfig {
  runId: string;
  workloads: Workload[];
  runtime: Runtime;
  /** The standard variant (if any) and every LMI settings combination. */
  variants: Variant[];
  /** The first allowed type's shape (the architecture of every one). */
  instance: InstanceShape;
  /**
   * Instance types the capacity providers may launch: the one pinned type, or the sizing model's
   * candidate set (runner/cost/candidates.ts), so AWS chooses among the types the model priced.
   */
  instanceTypes: string[];
  maxVcpus: number;
  minEnvironments: number;
  lambdaArchitecture: Architecture;
  timeoutSec: number;
  frontDoor: FrontDoorKind;
  /** Both set: an environment-specific stack (AZs looked up); both absent: environment-agnostic. */
  env: { account: string; region: string } | null;
  /** Existing network, when given; otherwise the stack creates a VPC over 3 AZs. */
  network: { subnetIds: string[]; securityGroupIds: string[] } | null;
  natGateways: number;
  /** Load workers per level: 2 or more deploys the load worker function. */
  loadWorkers: number;
}

/** The run id of the stack a plain `cdk synth`/`cdk deploy` makes: `lmi-bench-manual`. */
export const defaultStackRunId = 'manual';

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

/** Context as CDK hands it back: strings from `-c`, or JSON values from cdk.json. */
export type ContextReader = (key: string) => unknown;

/** Smallest MaxVCpuCount the CDK L2 construct accepts. */
const minMaxVcpus = 12;
const lmiMinMemoryMb = 2048;

export function readStackConfig(context: ContextReader, env: NodeJS.ProcessEnv = process.env): BenchStackConfig {
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new StackConfigError(`context '${key}' must be a whole number from ${min} to ${max}, got '${raw}'`);
    }
    return value;
  };

  // Without context (a plain `cdk synth`, `cdk diff`, `cdk deploy`), the stack of a default
  // bench: the default workload and variants under a fixed run id. The bench passes them all.
  const runId = text(contextKeys.runId) ?? defaultStackRunId;
  const runtime = (text(contextKeys.runtime) ?? benchDefaults.runtime) as Runtime;
  if (!runtimes.includes(runtime)) throw new StackConfigError(`context 'runtime' must be one of ${runtimes.join(', ')}, got '${runtime}'`);

  const workloads = (text(contextKeys.workload) ?? benchDefaults.workload)
    .split(',')
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '')
    .map((ref) => loadDeployableWorkload(ref, runtime));
  if (workloads.length === 0) throw new StackConfigError(`context '${contextKeys.workload}' names no workload`);

  const variantsJson = text(contextKeys.variants);
  const variants = variantsJson === undefined ? defaultVariants((workloads[0] as Workload).manifest.memoryMb, runtime) : parseVariants(variantsJson);
  const allowed = list(text(contextKeys.instanceTypes));
  const instanceTypes = allowed.length > 0 ? allowed : [text(contextKeys.instanceType) ?? benchDefaults.lmi.instanceType];
  const shapes = instanceTypes.map((name) => wrapUsage(() => instanceShape(name)));
  const instance = shapes[0] as InstanceShape;
  const mixed = shapes.find((s) => s.architecture !== instance.architecture);
  if (mixed) throw new StackConfigError(`context 'instanceTypes' mixes ${instance.architecture} and ${mixed.architecture} (${mixed.instanceType}): a capacity provider runs one architecture`);
  const maxVcpus = integer(contextKeys.maxVcpus, benchDefaults.lmi.maxVcpus, minMaxVcpus, 15000);
  const minEnvironments = integer(contextKeys.minEnvironments, benchDefaults.lmi.minEnvironments, 0, 15000);
  const timeoutSec = integer(contextKeys.timeoutSec, benchDefaults.timeoutSec, 1, 900);
  const natGateways = integer(contextKeys.natGateways, 1, 0, 3);
  const loadWorkers = integer(contextKeys.loadWorkers, 1, 1, 100);

  const lambdaArchitecture = (text(contextKeys.lambdaArchitecture) ?? instance.architecture) as Architecture;
  if (lambdaArchitecture !== 'x86_64' && lambdaArchitecture !== 'arm64') {
    throw new StackConfigError(`context 'lambdaArchitecture' must be x86_64 or arm64, got '${String(lambdaArchitecture)}'`);
  }
  const frontDoor = (text(contextKeys.frontDoor) ?? 'function-url') as FrontDoorKind;
  if (frontDoor !== 'function-url' && frontDoor !== 'http-api') {
    throw new StackConfigError(`context 'frontDoor' must be function-url or http-api, got '${String(frontDoor)}'`);
  }

  const account = text(contextKeys.account) ?? env['CDK_DEFAULT_ACCOUNT'];
  const region = text(contextKeys.region) ?? env['CDK_DEFAULT_REGION'];
  const stackEnv = account !== undefined && region !== undefined ? { account, region } : null;

  const subnetIds = list(text(contextKeys.subnetIds));
  const securityGroupIds = list(text(contextKeys.securityGroupIds));
  if ((subnetIds.length > 0) !== (securityGroupIds.length > 0)) {
    throw new StackConfigError("an existing network needs both 'subnetIds' and 'securityGroupIds' context");
  }
  if (subnetIds.length > 16) throw new StackConfigError('a capacity provider takes at most 16 subnets');
  if (securityGroupIds.length > 5) throw new StackConfigError('a capacity provider takes at most 5 security groups');
  const network = subnetIds.length > 0 ? { subnetIds, securityGroupIds } : null;

  return { runId, workloads, runtime, variants, instance, instanceTypes, maxVcpus, minEnvironments, lambdaArchitecture, timeoutSec, frontDoor, env: stackEnv, network, natGateways, loadWorkers };
}

function loadDeployableWorkload(ref: string, runtime: Runtime): Workload {
  const workload = wrapUsage(() => loadWorkload(ref));
  const handler = wrapUsage(() => resolveHandler(workload, runtime));
  // The local engine runs some files Lambda's managed runtime does not (TypeScript for Node.js, through tsx): those need a build step first.
  if ((runtimeRegistry[runtime].localOnlyExtensions as readonly string[]).includes(extname(handler.file))) {
    throw new StackConfigError(`workload '${workload.manifest.name}': Lambda cannot run the TypeScript handler ${handler.file} (compile it to .mjs/.js first)`);
  }
  return workload;
}

export function parseVariants(json: string): Variant[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new StackConfigError("context 'variants' is not valid JSON");
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new StackConfigError("context 'variants' must be a non-empty JSON array of variants");
  const seen = new Set<string>();
  return raw.map((item: unknown, index): Variant => {
    const v = item as Partial<Variant> | null;
    const where = `variants[${index}]`;
    if (typeof v !== 'object' || v === null) throw new StackConfigError(`${where} must be an object`);
    if (typeof v.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v.id)) throw new StackConfigError(`${where}.id must be a simple name`);
    if (seen.has(v.id)) throw new StackConfigError(`${where}.id '${v.id}' is repeated`);
    seen.add(v.id);
    if (v.mode !== 'lambda' && v.mode !== 'lmi') throw new StackConfigError(`${where}.mode must be lambda or lmi`);
    const s = v.settings;
    if (typeof s !== 'object' || s === null || !Number.isInteger(s.memoryMb) || s.memoryMb < 128 || s.memoryMb > 32768) {
      throw new StackConfigError(`${where}.settings.memoryMb must be a whole number of MB`);
    }
    if (v.mode === 'lmi') {
      if (s.memoryMb < lmiMinMemoryMb) throw new StackConfigError(`${where}: an LMI function needs at least ${lmiMinMemoryMb} MB, got ${s.memoryMb}`);
      if (!Number.isInteger(s.maxConcurrency) || (s.maxConcurrency ?? 0) < 1 || (s.maxConcurrency ?? 0) > 1600) {
        throw new StackConfigError(`${where}.settings.maxConcurrency must be a whole number from 1 to 1600`);
      }
      if (typeof s.gibPerVcpu !== 'number' || s.gibPerVcpu < 2 || s.gibPerVcpu > 8) {
        throw new StackConfigError(`${where}.settings.gibPerVcpu must be from 2.0 to 8.0`);
      }
      if (s.targetCpuPercent !== undefined && (!Number.isInteger(s.targetCpuPercent) || s.targetCpuPercent < 1 || s.targetCpuPercent > 100)) {
        throw new StackConfigError(`${where}.settings.targetCpuPercent must be a whole percent from 1 to 100`);
      }
    } else if (s.memoryMb > 10240) {
      throw new StackConfigError(`${where}: a standard Lambda function takes at most 10240 MB`);
    }
    return { id: v.id, mode: v.mode, settings: { ...s } };
  });
}

function list(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Runner helpers throw UsageError; inside the CDK app every input problem is a StackConfigError. */
function wrapUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new StackConfigError((error as Error).message);
  }
}
