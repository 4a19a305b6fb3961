import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { sizeLmiCapacity } from '../../runner/cost/lmi-sizing.ts';
import { instanceShape } from '../../runner/pricing/instance-types.ts';
import { ioBoundDir, lmiSpec, send, sleep } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

/** Closed loop: `workers` requests always in flight until `untilMs`; a throttled request retries after 50 ms. */
async function closedLoop(url: string, workers: number, untilMs: number, latenciesMs: number[]): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < untilMs) {
        const started = performance.now();
        const reply = await send(url, { delaysMs: [150, 200, 100] });
        if (reply.status === 200) latenciesMs.push(performance.now() - started);
        else await sleep(50);
      }
    }),
  );
}

test("after a steady level the engine's environment count is the sizing model's at that rate (same manual 70% target, ±1)", async () => {
  const targetCpuPercent = 70;
  const maxConcurrency = 4;
  const fn = await engine.client.deploy(
    lmiSpec('steady', { maxConcurrency, targetCpuPercent, scalerIntervalMs: 500, scaleInDelayMs: 3000 }, { workloadDir: ioBoundDir }),
  );
  // Warm up until the scaler has settled, then measure a steady window.
  await closedLoop(fn.url, 16, Date.now() + 6000, []);
  const latenciesMs: number[] = [];
  const startMs = Date.now();
  await closedLoop(fn.url, 16, startMs + 6000, latenciesMs);
  const endMs = Date.now();
  const stats = await engine.client.stats('steady', startMs, endMs);
  const state = await engine.client.state('steady');

  const rate = stats.ok / ((endMs - startMs) / 1000);
  const meanDurationMs = latenciesMs.reduce((a, b) => a + b, 0) / latenciesMs.length;
  const shape = instanceShape('m7g.xlarge');
  const model = sizeLmiCapacity({
    requestsPerSecond: rate,
    cpuSecondsPerRequest: stats.cpuSeconds / stats.ok,
    meanDurationMs,
    maxConcurrency,
    memoryMb: 2048,
    gibPerVcpu: 2,
    target: { mode: 'manual', cpuPercent: targetCpuPercent },
    candidates: [{ instanceType: shape.instanceType, vcpus: shape.vcpus, memoryGiB: shape.memoryGiB, usdPerHour: 1 }],
  });
  const engineEnvironments = state.environments.length;
  const detail = `engine ${engineEnvironments}, model ${model.environments} (${rate.toFixed(1)} req/s × ${meanDurationMs.toFixed(0)} ms = ${model.concurrentInvocations.toFixed(1)} in flight, binding ${model.binding})`;
  // 16 in flight ÷ (4 slots × 0.7) = 5.7 → 6 environments; Auto's 50% would have asked for 8.
  assert.ok(model.environments >= 5 && model.environments <= 6, detail);
  assert.ok(Math.abs(engineEnvironments - model.environments) <= 1, detail);
});
