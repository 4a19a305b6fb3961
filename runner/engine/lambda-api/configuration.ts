/**
 * A deployed engine function as Lambda's FunctionConfiguration: the fields GetFunctionConfiguration
 * and ListFunctions return, in the REST-JSON shape @aws-sdk/client-lambda reads. Pure. LMI
 * functions carry CapacityProviderConfig, as on AWS, so a reader can tell the two apart.
 */
import type { FunctionSpec } from '../protocol.ts';
import { capacityProviderName } from '../cloudwatch/lambda-metrics.ts';

/** The engine answers as one region and one account; ARNs are built with them. */
export const engineRegion = 'us-east-1';
export const engineAccountId = '000000000000';

/** What the engine knows of one deployed function beyond its spec. */
export interface CatalogEntry {
  spec: FunctionSpec;
  /** Lambda's `file.export` handler string. */
  handler: string;
  /** Epoch ms of the deploy: LastModified. */
  deployedAtMs: number;
  /** Lambda's runtime identifier of the runtime the engine runs the handler with, e.g. nodejs20.x. */
  runtimeId: string;
  /** x86_64 or arm64. */
  architecture: string;
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${engineRegion}:${engineAccountId}:function:${name}`;
}

/** Lambda's LastModified format: 2019-08-14T22:26:11.234+0000. */
export function lastModified(atMs: number): string {
  return new Date(atMs).toISOString().replace('Z', '+0000');
}

export function functionConfiguration(entry: CatalogEntry): Record<string, unknown> {
  const { spec } = entry;
  const configuration: Record<string, unknown> = {
    FunctionName: spec.name,
    FunctionArn: functionArn(spec.name),
    Runtime: entry.runtimeId,
    Handler: entry.handler,
    // Lambda's Timeout is whole seconds; the engine's is milliseconds.
    Timeout: Math.ceil(spec.timeoutMs / 1000),
    MemorySize: spec.compute.memoryMb,
    LastModified: lastModified(entry.deployedAtMs),
    Version: '$LATEST',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [entry.architecture],
    EphemeralStorage: { Size: 512 },
  };
  if (spec.compute.type === 'lmi') {
    configuration['CapacityProviderConfig'] = {
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn: `arn:aws:lambda:${engineRegion}:${engineAccountId}:capacity-provider:${capacityProviderName(spec.name)}`,
        PerExecutionEnvironmentMaxConcurrency: spec.compute.maxConcurrency,
        ExecutionEnvironmentMemoryGiBPerVCpu: spec.compute.gibPerVcpu,
      },
    };
  }
  return configuration;
}
