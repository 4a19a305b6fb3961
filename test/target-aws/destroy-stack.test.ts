import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { destroyBenchStack } from '../../runner/target/aws/destroy-stack.ts';
import { UsageError } from '../../runner/errors.ts';

const stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/lmi-bench-r1/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const tagged: Stack = { StackName: 'lmi-bench-r1', StackId: stackId, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Tags: [{ Key: 'lmi-bench:run-id', Value: 'r1' }] };

test('deletes a bench stack by id and waits until CloudFormation reports it gone', async () => {
  const cfn = mockClient(CloudFormationClient);
  let deleted = false;
  cfn.on(DeleteStackCommand).callsFake(() => {
    deleted = true;
    return {};
  });
  cfn.on(DescribeStacksCommand).callsFake(() => ({ Stacks: [{ ...tagged, StackStatus: deleted ? 'DELETE_COMPLETE' : 'CREATE_COMPLETE' }] }));
  const lines: string[] = [];
  const removed = await destroyBenchStack(cfn as unknown as CloudFormationClient, 'lmi-bench-r1', { maxWaitSec: 60, log: (l) => lines.push(l) });
  assert.equal(removed, true);
  assert.deepEqual(cfn.commandCalls(DeleteStackCommand).map((c) => c.args[0].input), [{ StackName: stackId }]);
  assert.ok(lines.some((l) => l === 'lmi-bench: stack lmi-bench-r1 deleted'));
  cfn.restore();
});

test('refuses to delete a stack lmi-bench did not create', async () => {
  const cfn = mockClient(CloudFormationClient);
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ ...tagged, Tags: [{ Key: 'team', Value: 'payments' }] }] });
  await assert.rejects(
    destroyBenchStack(cfn as unknown as CloudFormationClient, 'lmi-bench-r1', { maxWaitSec: 60, log: () => {} }),
    (e: unknown) => e instanceof UsageError && /not created by lmi-bench, refusing/.test(e.message),
  );
  assert.equal(cfn.commandCalls(DeleteStackCommand).length, 0);
  cfn.restore();
});

test('a stack that does not exist is nothing to remove', async () => {
  const cfn = mockClient(CloudFormationClient);
  cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id lmi-bench-r1 does not exist'), { name: 'ValidationError' }));
  const removed = await destroyBenchStack(cfn as unknown as CloudFormationClient, 'lmi-bench-r1', { maxWaitSec: 60, log: () => {} });
  assert.equal(removed, false);
  cfn.restore();
});

test('a failed deletion is reported with the way to clean up by hand', async () => {
  const cfn = mockClient(CloudFormationClient);
  let deleted = false;
  cfn.on(DeleteStackCommand).callsFake(() => ((deleted = true), {}));
  cfn.on(DescribeStacksCommand).callsFake(() => ({ Stacks: [{ ...tagged, StackStatus: deleted ? 'DELETE_FAILED' : 'CREATE_COMPLETE' }] }));
  await assert.rejects(destroyBenchStack(cfn as unknown as CloudFormationClient, 'lmi-bench-r1', { maxWaitSec: 60, log: () => {} }), /was not deleted \(FAILURE.*Cleaning up by hand/);
  cfn.restore();
});
