// test-lane: serial: the scaler follows measured CPU utilisation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, ioBoundDir } from './support.ts';
import { countHeld, ioBoundClosedLoop, ioBoundClosedLoopUntil, modelledEnvironments } from './steady-load.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test("after a steady level the engine's environment count is the sizing model's at that rate (same manual 70% target, ±1)", async () => {
  const targetCpuPercent = 70;
  const maxConcurrency = 4;
  const scalerIntervalMs = 500;
  const scaleInDelayMs = 3000;
  const fn = await engine.client.deploy(
    lmiSpec('steady', { maxConcurrency, targetCpuPercent, scalerIntervalMs, scaleInDelayMs }, { workloadDir: ioBoundDir }),
  );
  // Warm up until the scaler has settled (its count held past the scale-in delay and a tick, so
  // no scale-in is pending; at most the 6 s the warm-up used to take), then measure a steady window.
  const environments = async (): Promise<{ environments: number; allReady: boolean }> => {
    const now = (await engine.client.state('steady')).environments;
    return { environments: now.length, allReady: now.every((e) => e.state === 'ready') };
  };
  await ioBoundClosedLoopUntil(fn.url, 16, 6000, countHeld(environments, scaleInDelayMs + scalerIntervalMs));
  const startMs = Date.now();
  const { latenciesMs } = await ioBoundClosedLoop(fn.url, 16, startMs + 6000);
  const endMs = Date.now();
  const stats = await engine.client.stats('steady', startMs, endMs);
  const state = await engine.client.state('steady');

  const model = modelledEnvironments(stats, { startMs, endMs, latenciesMs }, { maxConcurrency, targetCpuPercent });
  const engineEnvironments = state.environments.length;
  const detail = `engine ${engineEnvironments}, model ${model.environments} (${model.rate.toFixed(1)} req/s × ${model.meanDurationMs.toFixed(0)} ms = ${model.concurrentInvocations.toFixed(1)} in flight, binding ${model.binding})`;
  // 16 in flight ÷ (4 slots × 0.7) = 5.7 → 6 environments; Auto's 50% would have asked for 8.
  assert.ok(model.environments >= 5 && model.environments <= 6, detail);
  assert.ok(Math.abs(engineEnvironments - model.environments) <= 1, detail);
});
