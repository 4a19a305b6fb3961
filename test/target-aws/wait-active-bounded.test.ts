// test-lane: concurrent: asserts waits on a given clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { VersionNotActiveError, waitUntilActive } from '../../runner/target/aws/wait-active.ts';

test('a version stuck provisioning fails after the bound, having polled at the interval', async () => {
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Pending', LastUpdateStatus: 'InProgress' });
  let clockMs = 0;
  const sleeps: number[] = [];
  await assert.rejects(
    waitUntilActive(lambda as unknown as LambdaClient, 'fn', 'live', {
      timeoutMs: 25_000,
      pollMs: 10_000,
      now: () => clockMs,
      sleep: async (ms) => {
        sleeps.push(ms);
        clockMs += ms;
      },
    }),
    (e: unknown) => e instanceof VersionNotActiveError && e.message === 'fn:live is still Pending/InProgress after 25 s (limit 25 s)',
  );
  assert.deepEqual(sleeps, [10_000, 10_000, 5_000]);
  assert.equal(lambda.commandCalls(GetFunctionConfigurationCommand).length, 4);
  lambda.restore();
});

test('an active version whose last update is still in progress is not ready yet', async () => {
  const lambda = mockClient(LambdaClient);
  lambda
    .on(GetFunctionConfigurationCommand)
    .resolvesOnce({ State: 'Active', LastUpdateStatus: 'InProgress' })
    .resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  await waitUntilActive(lambda as unknown as LambdaClient, 'fn', 'live', { timeoutMs: 60_000, pollMs: 1 });
  assert.equal(lambda.commandCalls(GetFunctionConfigurationCommand).length, 2);
  lambda.restore();
});

test('Ctrl-C ends the wait at once', async () => {
  const lambda = mockClient(LambdaClient);
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Pending', LastUpdateStatus: 'InProgress' });
  const controller = new AbortController();
  const waiting = waitUntilActive(lambda as unknown as LambdaClient, 'fn', 'live', { timeoutMs: 600_000, pollMs: 60_000, signal: controller.signal });
  setTimeout(() => controller.abort(new Error('interrupted')), 20);
  await assert.rejects(waiting, /interrupted/);
  lambda.restore();
});
