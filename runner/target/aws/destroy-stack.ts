/**
 * Removes a bench stack by name through CloudFormation, without synthesizing the app (so it
 * works from any checkout, with only the run id and region). Refuses stacks lmi-bench did not
 * create: the run-id tag must be on the stack.
 */
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  waitUntilStackDeleteComplete,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { UsageError } from '../../errors.ts';
import { runIdTagKey } from '../../../infra/naming.ts';

export interface DestroyOptions {
  maxWaitSec: number;
  log: (line: string) => void;
}

export async function describeBenchStack(client: CloudFormationClient, stackName: string): Promise<Stack | null> {
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return out.Stacks?.[0] ?? null;
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return null;
    throw error;
  }
}

/** Deletes the stack and waits until CloudFormation reports it gone; false when there was none. */
export async function destroyBenchStack(client: CloudFormationClient, stackName: string, options: DestroyOptions): Promise<boolean> {
  const stack = await describeBenchStack(client, stackName);
  if (!stack) {
    options.log(`lmi-bench: no stack ${stackName}: nothing to remove`);
    return false;
  }
  if (!stack.Tags?.some((tag) => tag.Key === runIdTagKey)) {
    throw new UsageError(`stack ${stackName} has no ${runIdTagKey} tag: it was not created by lmi-bench, refusing to delete it`);
  }
  options.log(`lmi-bench: deleting stack ${stackName} (${stack.StackStatus ?? 'unknown status'})`);
  await client.send(new DeleteStackCommand({ StackName: stack.StackId ?? stackName }));
  const result = await waitUntilStackDeleteComplete({ client, maxWaitTime: options.maxWaitSec, minDelay: 5, maxDelay: 30 }, { StackName: stack.StackId ?? stackName });
  if (result.state !== 'SUCCESS') {
    throw new Error(`stack ${stackName} was not deleted (${result.state}${result.reason ? `: ${String(result.reason)}` : ''}); see docs/aws.md "Cleaning up by hand"`);
  }
  options.log(`lmi-bench: stack ${stackName} deleted`);
  return true;
}
