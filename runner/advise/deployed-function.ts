/**
 * A deployed function as advise needs it, read with the real SDK clients against AWS or the
 * local engine (endpoint override): its configuration (GetFunctionConfiguration: memory,
 * architecture, runtime, timeout, LMI settings), the last N days of per-minute Invocations as
 * its traffic, and its Duration (average and p99) over the same days from CloudWatch.
 */
import { GetFunctionConfigurationCommand, LambdaClient, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../domain.ts';
import { readInvocationHistory } from '../traffic/function-history.ts';
import type { TrafficProfile } from '../domain.ts';
import type { AdviseFunction } from './model.ts';
import { readInsightsCpuMs } from './insights-cpu.ts';
import { readMetricStats } from './metric-stats.ts';
import { awsClientLimits } from '../system/aws-client-limits.ts';

export interface AwsAccess {
  region: string;
  /** Endpoint override: the local engine's control URL. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
}

/** The engine does not check signatures; the SDK still needs something to sign with. */
const localCredentials: AwsCredentialIdentity = { accessKeyId: 'lmi-bench-local', secretAccessKey: 'lmi-bench-local' };

export function lambdaClient(access: AwsAccess): LambdaClient {
  return new LambdaClient({
    // One retry: a region-wide scan should report a failing function, not stall on it.
    ...awsClientLimits(),
    region: access.region,
    ...(access.endpoint !== undefined ? { endpoint: access.endpoint, credentials: access.credentials ?? localCredentials } : access.credentials ? { credentials: access.credentials } : {}),
  });
}

export interface FunctionConfig {
  name: string;
  memoryMb: number;
  architecture: Architecture;
  runtime: string | null;
  timeoutSec: number | null;
  lmi: { maxConcurrency: number; gibPerVcpu: number } | null;
}

export function configFrom(config: FunctionConfiguration, fallbackName: string): FunctionConfig {
  if (config.MemorySize === undefined) throw new UsageError(`GetFunctionConfiguration for ${fallbackName} returned no MemorySize`);
  const lmi = config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  return {
    name: config.FunctionName ?? fallbackName,
    memoryMb: config.MemorySize,
    // Lambda's default when Architectures is absent.
    architecture: config.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    // Container images have no Runtime.
    runtime: config.Runtime ?? null,
    timeoutSec: config.Timeout ?? null,
    lmi: lmi
      ? { maxConcurrency: lmi.PerExecutionEnvironmentMaxConcurrency ?? 1, gibPerVcpu: lmi.ExecutionEnvironmentMemoryGiBPerVCpu ?? 2 }
      : null,
  };
}

export async function readFunctionConfig(client: LambdaClient, functionName: string): Promise<FunctionConfig> {
  return configFrom(await client.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })), functionName);
}

export interface DurationStats {
  meanMs: number;
  /** The median of the largest period (with one period over the window, the window's median). */
  p50Ms: number | null;
  p99Ms: number;
  invocations: number;
}

/**
 * Duration over the window as one period per query: Average and p99 over every invocation, not
 * an average of averages. Should CloudWatch split the window anyway, averages are weighted by
 * their sample counts and the largest p99 is kept (the conservative one).
 */
export async function readDurationStats(access: AwsAccess, functionName: string, window: { startMs: number; endMs: number }): Promise<DurationStats | null> {
  const metric = { namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: [{ Name: 'FunctionName', Value: functionName }] };
  const values = await readMetricStats(access, functionName, metric, ['Average', 'p50', 'p99', 'SampleCount'], window);
  const counts = values['samplecount'] ?? [];
  const averages = values['average'] ?? [];
  const invocations = counts.reduce((sum, n) => sum + n, 0);
  if (invocations === 0 || averages.length !== counts.length) return null;
  const meanMs = averages.reduce((sum, average, i) => sum + average * (counts[i] ?? 0), 0) / invocations;
  const p50s = values['p50'] ?? [];
  return { meanMs, p50Ms: p50s.length === 1 ? (p50s[0] ?? null) : null, p99Ms: Math.max(...(values['p99'] ?? [meanMs])), invocations };
}

export interface DeployedFunction {
  fn: AdviseFunction;
  /** null when CloudWatch has no invocations in the window: the function had no traffic. */
  traffic: TrafficProfile | null;
  days: number;
}

const minuteMs = 60_000;

/** Everything advise reads of one deployed function; cpuMsPerRequest comes from the caller (--cpu-ms). */
export async function readDeployedFunction(
  lambda: LambdaClient,
  access: AwsAccess,
  functionName: string,
  options: { days: number; cpuMsPerRequest: number | null; nowMs?: number },
): Promise<DeployedFunction> {
  const config = await readFunctionConfig(lambda, functionName);
  const nowMs = options.nowMs ?? Date.now();
  const traffic = await readInvocationHistory({
    functionName: config.name,
    region: access.region,
    days: options.days,
    nowMs,
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    ...(access.credentials ? { credentials: access.credentials } : {}),
  });
  // The same whole minutes the invocation history covers.
  const endMs = Math.floor(nowMs / minuteMs) * minuteMs;
  const window = { startMs: endMs - options.days * 24 * 60 * minuteMs, endMs };
  const duration = traffic === null ? null : await readDurationStats(access, config.name, window);
  if (traffic !== null && duration === null) throw new UsageError(`CloudWatch has Invocations but no Duration for ${config.name} in the last ${options.days} day(s)`);
  // --cpu-ms wins; else Lambda Insights' cpu_total_time when the function has it; else unknown.
  const insightsCpuMs = options.cpuMsPerRequest === null && traffic !== null ? await readInsightsCpuMs(access, config.name, window) : null;
  return {
    fn: {
      name: config.name,
      memoryMb: config.memoryMb,
      architecture: config.architecture,
      runtime: config.runtime,
      timeoutSec: config.timeoutSec,
      meanDurationMs: duration?.meanMs ?? 0,
      p99DurationMs: duration?.p99Ms ?? null,
      p50DurationMs: duration?.p50Ms ?? null,
      cpuMsPerRequest: options.cpuMsPerRequest ?? insightsCpuMs,
      ...(options.cpuMsPerRequest === null && insightsCpuMs !== null ? { cpuFrom: 'lambda-insights' as const } : {}),
      lmi: config.lmi,
    },
    traffic,
    days: options.days,
  };
}
