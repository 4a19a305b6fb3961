// The AWS clients' deadlines by default: a call to an endpoint that never answers ends within
// 60 s (every attempt's connection and request timeouts, one retry); LMI_BENCH_AWS_TIMEOUT_SEC
// replaces the request timeout, and a value that is not 1 to 600 seconds is the user's mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsClientLimits, awsTimeoutVariable } from '../../runner/system/aws-client-limits.ts';
import { UsageError } from '../../runner/errors.ts';

test('by default every attempt waits at most 5 s to connect and 20 s for an answer, 2 attempts: under 60 s', () => {
  const limits = awsClientLimits({});
  assert.deepEqual(limits, { maxAttempts: 2, requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000, throwOnRequestTimeout: true } });
  // The SDK's backoff before its retry is under a second at the first attempt.
  const worstMs = limits.maxAttempts * (limits.requestHandler.connectionTimeout + limits.requestHandler.requestTimeout) + 1_000;
  assert.ok(worstMs < 60_000, `${worstMs} ms`);
});

test('LMI_BENCH_AWS_TIMEOUT_SEC replaces the request timeout, and only it', () => {
  assert.equal(awsClientLimits({ [awsTimeoutVariable]: '2' }).requestHandler.requestTimeout, 2_000);
  assert.equal(awsClientLimits({ [awsTimeoutVariable]: '90.5' }).requestHandler.requestTimeout, 90_500);
  assert.equal(awsClientLimits({ [awsTimeoutVariable]: '' }).requestHandler.requestTimeout, 20_000);
  assert.equal(awsClientLimits({ [awsTimeoutVariable]: '2' }).requestHandler.connectionTimeout, 5_000);
  assert.equal(awsClientLimits({ [awsTimeoutVariable]: '2' }).maxAttempts, 2);
});

test('a timeout that is not 1 to 600 seconds is refused in one line', () => {
  for (const value of ['0', '0.5', '601', '-3', 'soon', '1e3', 'Infinity']) {
    assert.throws(() => awsClientLimits({ [awsTimeoutVariable]: value }), (error: unknown) =>
      error instanceof UsageError && error.message === `LMI_BENCH_AWS_TIMEOUT_SEC must be a number of seconds from 1 to 600, got '${value}'`, value);
  }
});
