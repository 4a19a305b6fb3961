// test-lane: concurrent: asserts calls and merged results.
// Load workers on AWS are invoked through the Lambda Invoke API (nothing local speaks it, so
// the client is mocked): each worker gets its task as the payload and its outcome is merged;
// a worker whose invocation reports a FunctionError fails the phase with the worker named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { awsLoadWorkers } from '../../runner/target/aws/aws-load-workers.ts';
import { runDistributedPhase } from '../../runner/load/distributed-load.ts';
import { parseLoadTask, type WorkerOutcome } from '../../runner/load/load-task.ts';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, recordLatencyMs, summarizeLatency } from '../../runner/load/latency-histogram.ts';
import { timeWindow } from '../../runner/load/load-result.ts';

function outcome(worker: number, latenciesMs: number[], startMs: number): WorkerOutcome {
  const histogram = createLatencyHistogram();
  for (const ms of latenciesMs) recordLatencyMs(histogram, ms);
  return {
    worker,
    lateStartMs: 0,
    result: {
      window: timeWindow(startMs, startMs + 1000), requests: { ok: latenciesMs.length, throttled: 1, errors: 0 }, throughputRps: latenciesMs.length,
      latencyMs: null, histogram: encodeHistogram(histogram), statusCodes: { '200': latenciesMs.length, '429': 1 }, socketErrors: {}, aborted: false, inFlightAtEnd: 0,
    },
  };
}

test('two workers: tasks as payloads, signed with their role, outcomes merged exactly', async () => {
  const lambda = mockClient(LambdaClient);
  const seen: unknown[] = [];
  lambda.on(InvokeCommand).callsFake((input: { FunctionName: string; InvocationType: string; Payload: Uint8Array }) => {
    assert.equal(input.FunctionName, 'bench-LoadWorker-abc');
    assert.equal(input.InvocationType, 'RequestResponse');
    const task = parseLoadTask(JSON.parse(Buffer.from(input.Payload).toString('utf8')));
    seen.push(task);
    const result = task.worker === 0 ? outcome(0, [10, 20, 30], 1_000) : outcome(1, [40, 50], 1_200);
    return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(result)) };
  });
  const pool = awsLoadWorkers({ functionName: 'bench-LoadWorker-abc', region: 'eu-west-1', signingService: 'lambda', client: new LambdaClient({ region: 'eu-west-1' }) });
  const phase = await runDistributedPhase(
    pool,
    { url: 'https://abc.lambda-url.eu-west-1.on.aws/', body: '{}', shape: { kind: 'closed', connections: 5 }, durationSec: 1, timeoutSec: 10, startAtMs: 5_000, workers: 2 },
    new AbortController().signal,
  );
  assert.equal(phase.ok, true);
  if (!phase.ok) return;
  // 5 connections over 2 workers: 3 and 2; both sign for the front door's service, both start together.
  assert.deepEqual(seen.map((t) => (t as { shape: unknown }).shape), [{ kind: 'closed', connections: 3 }, { kind: 'closed', connections: 2 }]);
  for (const task of seen) {
    assert.deepEqual((task as { signing: unknown }).signing, { region: 'eu-west-1', service: 'lambda' });
    assert.equal((task as { startAtMs: number }).startAtMs, 5_000);
  }
  assert.deepEqual(phase.result.requests, { ok: 5, throttled: 2, errors: 0 });
  assert.equal(decodeHistogram(phase.result.histogram).totalCount, 5);
  // Exact: the same percentiles as one histogram of all five requests (never averaged percentiles).
  const all = createLatencyHistogram();
  for (const ms of [10, 20, 30, 40, 50]) recordLatencyMs(all, ms);
  assert.deepEqual(phase.result.latencyMs, summarizeLatency(all));
  assert.deepEqual(phase.result.window, timeWindow(1_000, 2_200));
  assert.deepEqual(phase.workers.map((w) => w.requests.ok), [3, 2]);
  lambda.restore();
});

test('a worker that times out on AWS fails the phase, named', async () => {
  const lambda = mockClient(LambdaClient);
  lambda.on(InvokeCommand).callsFake((input: { Payload: Uint8Array }) => {
    const task = parseLoadTask(JSON.parse(Buffer.from(input.Payload).toString('utf8')));
    if (task.worker === 1) return { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 900.00 seconds' })) };
    return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome(0, [10], 1_000))) };
  });
  const pool = awsLoadWorkers({ functionName: 'w', region: 'us-east-1', signingService: 'lambda', client: new LambdaClient({ region: 'us-east-1' }) });
  const phase = await runDistributedPhase(
    pool,
    { url: 'https://abc.lambda-url.us-east-1.on.aws/', body: '{}', shape: { kind: 'open', ratePerSec: 100, maxConnections: 64 }, durationSec: 1, timeoutSec: 10, startAtMs: 0, workers: 2 },
    new AbortController().signal,
  );
  assert.equal(phase.ok, false);
  if (phase.ok) return;
  assert.equal(phase.reason, 'load worker 1 failed: Unhandled error (Sandbox.Timedout: Task timed out after 900.00 seconds)');
  assert.equal(phase.workers[0]?.error, undefined);
  assert.match(phase.workers[1]?.error ?? '', /Timedout/);
  lambda.restore();
});
