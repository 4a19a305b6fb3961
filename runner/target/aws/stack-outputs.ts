/**
 * Reads what `cdk deploy --outputs-file` wrote: `{ "<stack name>": { "<output key>": "value" } }`,
 * and turns it into what the runner needs per variant.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.ts';
import { stackOutputKeys, variantOutputKey, type FrontDoorKind, type VariantOutputField } from '../../../infra/naming.ts';
import type { Variant } from '../../domain.ts';

export interface VariantOutputs {
  functionName: string;
  aliasArn: string;
  version: string;
  url: string;
  /** LMI only. */
  capacityProviderName?: string;
}

export interface StackOutputs {
  stackName: string;
  frontDoor: FrontDoorKind;
  instanceType: string;
  capacityProviderName: string;
  variants: Map<string, VariantOutputs>;
  /** The load worker function, when the stack has one. */
  loadWorkerFunctionName?: string;
}

export function readStackOutputs(path: string, stackName: string, workloadName: string, variants: Variant[]): StackOutputs {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the stack outputs ${path}: ${(error as Error).message}`);
  }
  const outputs = (doc as Record<string, unknown> | null)?.[stackName];
  if (typeof outputs !== 'object' || outputs === null) throw new UsageError(`${path} has no outputs for stack ${stackName}`);
  const values = outputs as Record<string, unknown>;
  const get = (key: string, optional = false): string | undefined => {
    const value = values[key];
    if (typeof value === 'string' && value !== '') return value;
    if (optional) return undefined;
    throw new UsageError(`stack ${stackName} has no output ${key} (was it deployed by another version of lmi-bench?)`);
  };
  const frontDoor = get(stackOutputKeys.frontDoor) as FrontDoorKind;
  if (frontDoor !== 'function-url' && frontDoor !== 'http-api') throw new UsageError(`stack ${stackName}: unknown front door '${frontDoor}'`);

  const byVariant = new Map<string, VariantOutputs>();
  for (const variant of variants) {
    const field = (name: VariantOutputField, optional = false): string | undefined => get(variantOutputKey(workloadName, variant.id, name), optional);
    const capacityProviderName = field('CapacityProviderName', variant.mode !== 'lmi');
    byVariant.set(variant.id, {
      functionName: field('FunctionName') as string,
      aliasArn: field('AliasArn') as string,
      version: field('Version') as string,
      url: field('Url') as string,
      ...(capacityProviderName ? { capacityProviderName } : {}),
    });
  }
  const loadWorkerFunctionName = get(stackOutputKeys.loadWorkerFunctionName, true);
  return {
    stackName,
    frontDoor,
    ...(loadWorkerFunctionName ? { loadWorkerFunctionName } : {}),
    instanceType: get(stackOutputKeys.instanceType) as string,
    capacityProviderName: get(stackOutputKeys.capacityProviderName) as string,
    variants: byVariant,
  };
}
