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
import { errorMessage } from '../../system/error-message.ts';

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
  // The SDK waiter throws on FAILURE/TIMEOUT with the waiter result JSON as its message.
  const outcome = await waitUntilStackDeleteComplete({ client, maxWaitTime: options.maxWaitSec, minDelay: 5, maxDelay: 30 }, { StackName: stack.StackId ?? stackName }).then(
    (result) => ({ state: String(result.state), status: undefined as string | undefined }),
    (error: unknown) => waiterFailure(error),
  );
  if (outcome.state !== 'SUCCESS') {
    throw new UsageError(`stack ${stackName} was not deleted (${outcome.state}${outcome.status ? `, ${outcome.status}` : ''}); see docs/aws.md "Cleaning up by hand"`);
  }
  options.log(`lmi-bench: stack ${stackName} deleted`);
  return true;
}

function waiterFailure(error: unknown): { state: string; status: string | undefined } {
  const message = errorMessage(error);
  try {
    const parsed = JSON.parse(message) as { state?: string; reason?: { Stacks?: Array<{ StackStatus?: string; StackStatusReason?: string }> } };
    const stack = parsed.reason?.Stacks?.[0];
    const status = stack ? [stack.StackStatus, stack.StackStatusReason].filter(Boolean).join(': ') : undefined;
    return { state: parsed.state ?? 'FAILURE', status };
  } catch {
    return { state: 'FAILURE', status: message.split('\n')[0] };
  }
}
