// When the load falls but still reaches every environment (the router spreads it, so none is
// ever idle), the engine drains the surplus over the scaling target after the scale-in delay:
// the count comes down to the sizing model's at the lower rate, and no request is lost on the way.
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

/** Closed loop: `workers` requests always in flight until `untilMs`; statuses and 200 latencies. */
async function closedLoop(url: string, workers: number, untilMs: number): Promise<{ statuses: number[]; latenciesMs: number[] }> {
  const statuses: number[] = [];
  const latenciesMs: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < untilMs) {
        const started = performance.now();
        const reply = await send(url, { delaysMs: [150, 200, 100] });
        statuses.push(reply.status);
        if (reply.status === 200) latenciesMs.push(performance.now() - started);
        else await sleep(50);
      }
    }),
  );
  return { statuses, latenciesMs };
}

test('a busy surplus is drained to the model count at the lower rate, with every request answered', { timeout: 120_000 }, async () => {
  const targetCpuPercent = 70;
  const maxConcurrency = 4;
  const fn = await engine.client.deploy(
    lmiSpec('falling', { maxConcurrency, targetCpuPercent, scalerIntervalMs: 500, scaleInDelayMs: 2000 }, { workloadDir: ioBoundDir }),
  );
  // 24 in flight ÷ (4 slots × 0.7) → 9 environments.
  await closedLoop(fn.url, 24, Date.now() + 6000);
  const high = (await engine.client.state('falling')).environments.length;

  // 12 in flight reach all 9 (none idle): settle past the delay, then a steady window.
  const settling = await closedLoop(fn.url, 12, Date.now() + 5000);
  const startMs = Date.now();
  const steady = await closedLoop(fn.url, 12, startMs + 4000);
  const endMs = Date.now();
  const stats = await engine.client.stats('falling', startMs, endMs);
  const low = (await engine.client.state('falling')).environments.length;

  const rate = stats.ok / ((endMs - startMs) / 1000);
  const meanDurationMs = steady.latenciesMs.reduce((a, b) => a + b, 0) / steady.latenciesMs.length;
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
  const detail = `engine ${high} at 24 in flight, ${low} at 12; model ${model.environments} at ${rate.toFixed(1)} req/s × ${meanDurationMs.toFixed(0)} ms`;
  process.stderr.write(`${detail}\n`);
  assert.ok(high >= 8, `scaled out first: ${detail}`);
  assert.ok(low < high, `drained: ${detail}`);
  assert.ok(Math.abs(low - model.environments) <= 1, detail);
  const answered = [...settling.statuses, ...steady.statuses];
  assert.deepEqual(
    answered.filter((status) => status !== 200),
    [],
    'draining loses no request: in-flight invocations finish, new ones go to the others',
  );
});
