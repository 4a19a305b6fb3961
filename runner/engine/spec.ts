/**
 * Validation of a FunctionSpec sent to POST /_engine/functions. Every problem is a UsageError
 * with one line (the control server answers it as 400 { message }), and nothing is started
 * before the whole spec is known to be valid.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { UsageError } from '../errors.ts';
import { environmentShape, environmentsPerInstance } from '../capacity/lmi-sizing.ts';
import { instanceShape, type InstanceShape } from '../pricing/instance-types.ts';
import { loadWorkload, resolveHandler, type ResolvedHandler } from '../workload/load.ts';
import { runtimes, type Runtime } from '../runtimes/registry.ts';
import { launchers } from './launchers.ts';
import { localEngineRefusal } from './local-refusal.ts';
import type { ComputeSpec, FunctionSpec, LmiComputeSpec, StandardComputeSpec } from './protocol.ts';

export interface ValidatedFunction {
  spec: FunctionSpec;
  handler: ResolvedHandler;
  /** LMI only: the capacity provider's instance shape. */
  instance?: InstanceShape;
}


const namePattern = /^[A-Za-z0-9_-]{1,64}$/;

function fail(message: string): never {
  throw new UsageError(message);
}

function object(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`${what} must be a JSON object`);
  return raw as Record<string, unknown>;
}

function integer(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${what} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function number(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${what} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function optionalInteger(value: unknown, what: string, min: number, max: number): number | undefined {
  return value === undefined ? undefined : integer(value, what, min, max);
}

function standardCompute(c: Record<string, unknown>): StandardComputeSpec {
  return {
    type: 'lambda',
    memoryMb: integer(c['memoryMb'], 'compute.memoryMb', 128, 10240),
    concurrencyLimit: integer(c['concurrencyLimit'], 'compute.concurrencyLimit', 1, 100_000),
    idleTimeoutMs: integer(c['idleTimeoutMs'], 'compute.idleTimeoutMs', 0, 24 * 3600_000),
  };
}

function lmiCompute(c: Record<string, unknown>, runtime: Runtime): { compute: LmiComputeSpec; instance: InstanceShape } {
  const memoryMb = c['memoryMb'];
  if (typeof memoryMb === 'number' && memoryMb < 2048) fail(`compute.memoryMb ${memoryMb} is below 2048, the smallest LMI function (2 GB)`);
  const compute: LmiComputeSpec = {
    type: 'lmi',
    memoryMb: integer(memoryMb, 'compute.memoryMb', 2048, 32768),
    maxConcurrency: integer(c['maxConcurrency'], 'compute.maxConcurrency (PerExecutionEnvironmentMaxConcurrency)', 1, 1600),
    gibPerVcpu: number(c['gibPerVcpu'], 'compute.gibPerVcpu (ExecutionEnvironmentMemoryGiBPerVCpu)', 2, 8),
    minEnvironments: integer(c['minEnvironments'] ?? 3, 'compute.minEnvironments', 0, 15000),
    instanceType: typeof c['instanceType'] === 'string' ? c['instanceType'] : fail('compute.instanceType must be a string such as m7g.xlarge'),
    maxVcpus: integer(c['maxVcpus'], 'compute.maxVcpus (MaxVCpuCount)', 2, 15000),
  };
  const maxEnvironments = optionalInteger(c['maxEnvironments'], 'compute.maxEnvironments', Math.max(1, compute.minEnvironments), 15000);
  if (maxEnvironments !== undefined) compute.maxEnvironments = maxEnvironments;
  const scalerIntervalMs = optionalInteger(c['scalerIntervalMs'], 'compute.scalerIntervalMs', 10, 600_000);
  if (scalerIntervalMs !== undefined) compute.scalerIntervalMs = scalerIntervalMs;
  const scaleInDelayMs = optionalInteger(c['scaleInDelayMs'], 'compute.scaleInDelayMs', 0, 3600_000);
  if (scaleInDelayMs !== undefined) compute.scaleInDelayMs = scaleInDelayMs;
  const instanceLaunchDelayMs = optionalInteger(c['instanceLaunchDelayMs'], 'compute.instanceLaunchDelayMs', 0, 3600_000);
  if (instanceLaunchDelayMs !== undefined) compute.instanceLaunchDelayMs = instanceLaunchDelayMs;
  if (c['targetCpuPercent'] !== undefined) compute.targetCpuPercent = number(c['targetCpuPercent'], 'compute.targetCpuPercent (manual target tracking, % CPU)', 1, 100);
  if (c['reserveVcpus'] !== undefined) compute.reserveVcpus = number(c['reserveVcpus'], 'compute.reserveVcpus', 0, 64);
  if (c['reserveMemoryGiB'] !== undefined) compute.reserveMemoryGiB = number(c['reserveMemoryGiB'], 'compute.reserveMemoryGiB', 0, 512);

  const instance = instanceShape(compute.instanceType);
  const vcpus = environmentVcpus(compute);
  const reservation = { vcpus: compute.reserveVcpus ?? 0, memoryGiB: compute.reserveMemoryGiB ?? 0 };
  if (environmentsPerInstance(instance, environmentShape(compute.memoryMb, compute.gibPerVcpu), reservation) < 1) {
    const reserved = reservation.vcpus > 0 || reservation.memoryGiB > 0 ? ` less ${reservation.vcpus} vCPU and ${reservation.memoryGiB} GiB reserved` : '';
    fail(
      `an environment of ${compute.memoryMb} MB at ${compute.gibPerVcpu} GiB/vCPU (${vcpus} vCPU) does not fit on ${instance.instanceType} (${instance.vcpus} vCPU, ${instance.memoryGiB} GiB${reserved})`,
    );
  }
  const maxSlots = launchers[runtime].maxSlotsPerEnvironment;
  if (maxSlots !== null && compute.maxConcurrency > maxSlots) {
    fail(`compute.maxConcurrency ${compute.maxConcurrency} would start that many ${runtime} processes per environment; the local engine allows up to ${maxSlots}`);
  }
  return { compute, instance };
}

/** The Lambda architecture of this machine: what a function runs on when the spec names none. */
export function hostArchitecture(): 'x86_64' | 'arm64' {
  return process.arch === 'arm64' ? 'arm64' : 'x86_64';
}

/** vCPUs of one LMI environment: memory / (GiB per vCPU). */
export function environmentVcpus(compute: Pick<LmiComputeSpec, 'memoryMb' | 'gibPerVcpu'>): number {
  return compute.memoryMb / 1024 / compute.gibPerVcpu;
}

export function validateFunctionSpec(raw: unknown): ValidatedFunction {
  const s = object(raw, 'the function spec');
  const name = s['name'];
  if (typeof name !== 'string' || !namePattern.test(name)) fail('name must be 1-64 characters of A-Z a-z 0-9 _ -');
  const workloadDir = s['workloadDir'];
  if (typeof workloadDir !== 'string' || !isAbsolute(workloadDir)) fail('workloadDir must be an absolute path of a workload folder');
  const runtime = s['runtime'];
  if (!runtimes.includes(runtime as Runtime)) fail(`runtime must be one of ${runtimes.join(', ')}`);
  const timeoutMs = integer(s['timeoutMs'], 'timeoutMs', 1, 900_000);
  const c = object(s['compute'], 'compute');
  let compute: ComputeSpec;
  let instance: InstanceShape | undefined;
  if (c['type'] === 'lambda') compute = standardCompute(c);
  else if (c['type'] === 'lmi') ({ compute, instance } = lmiCompute(c, runtime as Runtime));
  else fail(`compute.type must be 'lambda' or 'lmi'`);

  const architecture = s['architecture'];
  if (architecture !== undefined && architecture !== 'x86_64' && architecture !== 'arm64') fail(`architecture must be 'x86_64' or 'arm64'`);
  const safetyRecordDir = s['safetyRecordDir'];
  if (safetyRecordDir !== undefined && (typeof safetyRecordDir !== 'string' || !isAbsolute(safetyRecordDir) || !existsSync(safetyRecordDir))) {
    fail('safetyRecordDir must be the absolute path of an existing folder');
  }

  const refusal = localEngineRefusal(runtime as Runtime);
  if (refusal !== undefined) fail(refusal);
  const workload = loadWorkload(workloadDir);
  const handler = resolveHandler(workload, runtime as Runtime);
  const spec: FunctionSpec = { name, workloadDir, runtime: runtime as Runtime, timeoutMs, compute, architecture: architecture ?? hostArchitecture() };
  if (safetyRecordDir !== undefined) spec.safetyRecordDir = safetyRecordDir;
  return instance ? { spec, handler, instance } : { spec, handler };
}
