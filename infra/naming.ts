/**
 * Names shared by the CDK app (which writes them) and the runner's AWS target (which reads
 * them): the stack name of a run, the context keys, and the CloudFormation output keys.
 * Kept free of aws-cdk-lib imports so the runner can use it without loading CDK.
 */

/** Tag put on every resource of the bench stack, valued with the run id. */
export const runIdTagKey = 'lmi-bench:run-id';

/** The alias every function version is reached through (LMI requires a published version). */
export const aliasName = 'live';

export type FrontDoorKind = 'function-url' | 'http-api';

/** `lmi-bench-<run id>`, squeezed into CloudFormation's stack-name alphabet and length. */
export function stackNameForRun(runId: string): string {
  const cleaned = runId.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (cleaned === '') throw new Error(`run id '${runId}' has no character usable in a stack name`);
  return `lmi-bench-${cleaned}`.slice(0, 128);
}

/** PascalCase of the alphanumeric runs of `text`: `io-bound` -> `IoBound`, `lmi-c16-g2.5` -> `LmiC16G25`. */
export function pascalId(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export type VariantOutputField = 'FunctionName' | 'AliasArn' | 'Version' | 'Url' | 'CapacityProviderName';

/** CloudFormation output key (alphanumeric only) of one field of one workload variant. */
export function variantOutputKey(workloadName: string, variantId: string, field: VariantOutputField): string {
  return `${pascalId(workloadName)}${pascalId(variantId)}${field}`;
}

/** Stack-wide outputs. */
export const stackOutputKeys = {
  capacityProviderName: 'CapacityProviderName',
  instanceType: 'InstanceType',
  frontDoor: 'FrontDoor',
  runId: 'RunId',
  /** Present when the stack has load workers (--load-workers ≥ 2). */
  loadWorkerFunctionName: 'LoadWorkerFunctionName',
} as const;

/**
 * The context keys the app reads (`cdk synth -c key=value`). Values are strings on the
 * command line; `variants` is the JSON of the plan's Variant[].
 */
export const contextKeys = {
  runId: 'runId',
  workload: 'workload',
  runtime: 'runtime',
  variants: 'variants',
  instanceType: 'instanceType',
  instanceTypes: 'instanceTypes',
  maxVcpus: 'maxVcpus',
  minEnvironments: 'minEnvironments',
  lambdaArchitecture: 'lambdaArchitecture',
  timeoutSec: 'timeoutSec',
  frontDoor: 'frontDoor',
  region: 'region',
  account: 'account',
  subnetIds: 'subnetIds',
  securityGroupIds: 'securityGroupIds',
  natGateways: 'natGateways',
  /** Load workers per level; 2 or more adds the load worker function. */
  loadWorkers: 'loadWorkers',
} as const;
