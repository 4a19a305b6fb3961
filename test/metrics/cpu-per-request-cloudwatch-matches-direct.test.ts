import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { capacityProviderName } from '../../runner/engine/cloudwatch/lambda-metrics.ts';
import { pullLevelMetrics } from '../../runner/metrics/pull.ts';
import { metricsWindow } from '../../runner/metrics/window.ts';
import { localPeriodSec } from '../../runner/target/local/local-target.ts';
import { lmiSpec, send, sleep } from '../engine/support.ts';

const cpuBoundDir = fileURLToPath(new URL('../../workloads/cpu-bound', import.meta.url));

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test("on cpu-bound, CPU per request from CloudWatch (ExecutionEnvironmentCPUUtilization × vCPUAllocated × window ÷ Invocations) is within 15% of the engine's direct measure", async (t) => {
  const fn = await engine.client.deploy(lmiSpec('cpu', { maxConcurrency: 4 }, { workloadDir: cpuBoundDir }));
  const startMs = Date.now();
  const untilMs = startMs + 8000;
  let ok = 0;
  // Two requests always in flight: a steady CPU load the 2-core machine can serve.
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (Date.now() < untilMs) {
        const reply = await send(fn.url, { rounds: 1500 });
        if (reply.status === 200) ok++;
      }
    }),
  );
  const endMs = Date.now();
  // The cross-check covers the span CloudWatch answers for: the window widened to whole periods.
  const span = metricsWindow({ startMs, endMs }, localPeriodSec);
  // Both reads below take the CPU samples stamped (when taken) before the span's end: once it has
  // passed, every such sample exists and a later one falls outside both. (A fixed 1.5 s wait
  // covered the same samples, about 1 s longer on average.)
  await sleep(Math.max(0, span.endMs - Date.now()) + 50);
  const stats = await engine.client.stats('cpu', span.startMs, span.endMs);
  const direct = stats.cpuSeconds / stats.ok;
  const summary = await pullLevelMetrics(
    {
      region: 'us-east-1',
      endpoint: engine.controlUrl,
      functionDimensions: { FunctionName: 'cpu', Resource: 'cpu:live' },
      capacityProviderDimensions: { CapacityProviderName: capacityProviderName('cpu'), InstanceType: 'm7g.xlarge' },
      periodSec: localPeriodSec,
    },
    { startMs, endMs },
    'lmi',
  );
  const fromCloudWatch = summary.cpuSecondsPerRequest ?? null;
  const detail = `direct ${(direct * 1000).toFixed(2)} ms, CloudWatch ${fromCloudWatch === null ? 'null' : (fromCloudWatch * 1000).toFixed(2)} ms (${summary.executionEnvironmentCpuUtilizationPct?.toFixed(1)}% of ${summary.vcpuAllocatedMean} vCPUs, ${summary.invocations} invocations, ${ok} ok)`;
  t.diagnostic(detail);
  assert.ok(stats.ok > 20 && direct > 0.005, detail);
  assert.ok(fromCloudWatch !== null, detail);
  assert.ok(Math.abs(fromCloudWatch - direct) / direct <= 0.15, detail);
});
