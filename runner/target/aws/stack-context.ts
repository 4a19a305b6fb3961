/**
 * The plan as CDK context (`-c key=value`) for infra/app.ts: the one place the runner's plan
 * meets the stack's inputs (infra/naming.ts contextKeys, validated by infra/config.ts).
 */
import type { BenchPlan } from '../../plan/plan.ts';
import { contextKeys, type FrontDoorKind } from '../../../infra/naming.ts';
import type { Variant } from '../../domain.ts';

export interface StackNetwork {
  subnetIds: string[];
  securityGroupIds: string[];
}

export interface StackContextOptions {
  frontDoor?: FrontDoorKind;
  network?: StackNetwork;
}

export function stackContext(plan: BenchPlan, variants: Variant[], options: StackContextOptions = {}): Record<string, string> {
  const context: Record<string, string> = {
    [contextKeys.runId]: plan.runId,
    [contextKeys.workload]: plan.workload.dir,
    [contextKeys.runtime]: plan.runtime,
    [contextKeys.variants]: JSON.stringify(variants),
    [contextKeys.instanceType]: plan.lmi.instanceType,
    // Unpinned: the capacity provider allows the sizing model's candidate set, the emulated type first.
    ...(plan.lmi.instancePinned === false && plan.lmi.instanceTypes
      ? { [contextKeys.instanceTypes]: [plan.lmi.instanceType, ...plan.lmi.instanceTypes.filter((t) => t !== plan.lmi.instanceType)].join(',') }
      : {}),
    [contextKeys.maxVcpus]: String(plan.lmi.maxVcpus),
    [contextKeys.minEnvironments]: String(plan.lmi.minEnvironments),
    [contextKeys.lambdaArchitecture]: plan.lambda.architecture,
    [contextKeys.timeoutSec]: String(plan.timeoutSec),
    [contextKeys.frontDoor]: options.frontDoor ?? 'function-url',
    [contextKeys.region]: plan.region,
  };
  if ((plan.load?.workers ?? 1) >= 2) context[contextKeys.loadWorkers] = String(plan.load?.workers);
  if (options.network) {
    context[contextKeys.subnetIds] = options.network.subnetIds.join(',');
    context[contextKeys.securityGroupIds] = options.network.securityGroupIds.join(',');
  }
  return context;
}

/** `-c key=value` pairs, in a stable order. */
export function contextArgs(context: Record<string, string>): string[] {
  return Object.keys(context)
    .sort()
    .flatMap((key) => ['-c', `${key}=${context[key]}`]);
}
