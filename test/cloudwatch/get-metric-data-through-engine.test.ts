/**
 * End to end: a real engine process runs io-bound, a bounded number of
 * requests go to its front door, and the real CloudWatch SDK reads the metrics back from the
 * engine's control port.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { ComputeSpec } from '../../runner/engine/protocol.ts';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';

const ioBoundDir = fileURLToPath(new URL('../../workloads/io-bound', import.meta.url));
let engine: EngineHandle;

before(async () => {
  engine = await startEngine();
});
after(async () => {
  agent.destroy();
  await engine.stop();
});

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** `total` requests, `concurrency` at a time over kept-alive connections; client-side latency of each, in ms. */
async function drive(url: string, total: number, concurrency: number): Promise<number[]> {
  const latenciesMs: number[] = [];
  let next = 0;
  const body = JSON.stringify({ delaysMs: [150, 200, 100] });
  const worker = async (): Promise<void> => {
    while (next < total) {
      next += 1;
      const started = performance.now();
      const status = await post(url, body);
      latenciesMs.push(performance.now() - started);
      assert.equal(status, 200);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latenciesMs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

async function measure(name: string, compute: ComputeSpec, requests: number): Promise<{ startMs: number; endMs: number; clientMedianMs: number }> {
  const fn = await engine.client.deploy({ name, workloadDir: ioBoundDir, runtime: 'node', timeoutMs: 10_000, compute });
  // One warm-up call outside the counted window, so cold starts do not skew the median.
  await drive(fn.url, 1, 1);
  // The engine publishes per second and the pull reads whole seconds: start the counted requests
  // in a fresh second, so the warm-up call (which started in an earlier one) is not among them.
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
  const startMs = Date.now();
  const latencies = await drive(fn.url, requests, 4);
  const endMs = Date.now();
  return { startMs, endMs, clientMedianMs: median(latencies) };
}

test('standard Lambda: Invocations equals the requests served and Duration p50 is within 10% of the client median', async (t) => {
  const requests = 40;
  const level = await measure('cw-e2e-std', { type: 'lambda', memoryMb: 512, concurrencyLimit: 100, idleTimeoutMs: 600_000 }, requests);

  // Straight through the SDK: one period from the warm-up on, so every served request is in it.
  const client = new CloudWatchClient({ endpoint: engine.controlUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
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
    { endpoint: engine.controlUrl, region: 'us-east-1', functionDimensions: { FunctionName: 'cw-e2e-std', Resource: 'cw-e2e-std' }, periodSec: 1 },
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

test('LMI: the pull also returns environment concurrency, CPU and the capacity provider vCPUs', async () => {
  const requests = 24;
  const level = await measure(
    'cw-e2e-lmi',
    { type: 'lmi', memoryMb: 2048, maxConcurrency: 8, gibPerVcpu: 2, minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400 },
    requests,
  );
  // CPU samples arrive about once a second: wait for the one covering the level's end.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const summary = await pullLevelMetrics(
    {
      endpoint: engine.controlUrl,
      region: 'us-east-1',
      functionDimensions: { FunctionName: 'cw-e2e-lmi', Resource: 'cw-e2e-lmi:live' },
      capacityProviderDimensions: { CapacityProviderName: 'cp-cw-e2e-lmi', InstanceType: 'm7g.xlarge' },
      periodSec: 1,
    },
    level,
    'lmi',
  );
  assert.equal(summary.invocations, requests);
  assert.ok((summary.executionEnvironmentConcurrencyMax ?? 0) >= 1 && (summary.executionEnvironmentConcurrencyMax ?? 0) <= 4);
  assert.ok(typeof summary.executionEnvironmentCpuUtilizationPct === 'number' && summary.executionEnvironmentCpuUtilizationPct >= 0);
  // 3 environments of 1 vCPU (2 GiB at 2 GiB per vCPU) at least.
  assert.ok((summary.vcpuAllocatedMax ?? 0) >= 3, `vCPUAllocated ${summary.vcpuAllocatedMax}`);
  assert.ok((summary.vcpuAvailableMax ?? 0) >= (summary.vcpuAllocatedMax ?? 0));
});
