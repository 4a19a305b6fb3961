// test-lane: serial: asserts Duration p50 within 10% of the client's median latency.
/**
 * End to end: a real engine process runs io-bound on standard Lambda, a bounded number of
 * requests go to its front door, and the real CloudWatch SDK reads the metrics back from the
 * engine's control port. (The LMI pull, which asserts no latency, is
 * lmi-pull-through-engine-returns-environment-metrics.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import { engineForFile } from './engine-level.ts';

const fixture = engineForFile();

test('standard Lambda: Invocations equals the requests served and Duration p50 is within 10% of the client median', async (t) => {
  const requests = 40;
  const level = await fixture.driver().measure('cw-e2e-std', { type: 'lambda', memoryMb: 512, concurrencyLimit: 100, idleTimeoutMs: 600_000 }, requests);

  // Straight through the SDK: one period from the warm-up on, so every served request is in it.
  const client = new CloudWatchClient({ endpoint: fixture.engine().controlUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const dims = [{ Name: 'FunctionName', Value: 'cw-e2e-std' }];
    const out = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(level.startMs - 120_000),
        EndTime: new Date(level.endMs + 60_000),
        MetricDataQueries: [
          { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims }, Period: 240, Stat: 'Sum' } },
          { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dims }, Period: 240, Stat: 'Sum' } },
        ],
      }),
    );
    const sum = (id: string): number => (out.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    assert.equal(sum('inv'), requests + 1, 'the counted requests plus the warm-up call');
    assert.equal(sum('errors'), 0);
  } finally {
    client.destroy();
  }

  // Through the pull, over exactly the level's window (the engine publishes per second).
  const summary = await pullLevelMetrics(
    { endpoint: fixture.engine().controlUrl, region: 'us-east-1', functionDimensions: { FunctionName: 'cw-e2e-std', Resource: 'cw-e2e-std' }, periodSec: 1 },
    level,
    'lambda',
  );
  assert.equal(summary.invocations, requests);
  assert.equal(summary.errors, 0);
  assert.equal(summary.throttles, 0);
  const p50 = summary.durationMs?.p50;
  assert.ok(p50 !== undefined, 'Duration has datapoints');
  t.diagnostic(`Duration p50 ${p50} ms, client median ${level.clientMedianMs.toFixed(2)} ms, invocations ${summary.invocations}`);
  assert.ok(Math.abs(p50 - level.clientMedianMs) <= 0.1 * level.clientMedianMs, `CloudWatch p50 ${p50} ms vs client median ${level.clientMedianMs.toFixed(1)} ms`);
  assert.ok(p50 >= 199, `io-bound waits 200 ms, Duration p50 is ${p50} ms`);
  assert.equal(summary.concurrentExecutionsMax, 4, 'four requests at a time');
});
