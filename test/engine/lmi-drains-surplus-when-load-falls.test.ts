// test-lane: serial: the scaler follows measured CPU utilisation.
// When the load falls but still reaches every environment (the router spreads it, so none is
// ever idle), the engine drains the surplus over the scaling target after the scale-in delay:
// the count comes down to the sizing model's at the lower rate, and no request is lost on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { ioBoundDir, lmiSpec } from './support.ts';
import { ioBoundClosedLoop, ioBoundClosedLoopUntil, modelledEnvironments } from './steady-load.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('a busy surplus is drained to the model count at the lower rate, with every request answered', { timeout: 120_000 }, async () => {
  const targetCpuPercent = 70;
  const maxConcurrency = 4;
  const fn = await engine.client.deploy(
    lmiSpec('falling', { maxConcurrency, targetCpuPercent, scalerIntervalMs: 500, scaleInDelayMs: 2000 }, { workloadDir: ioBoundDir }),
  );
  // 24 in flight ÷ (4 slots × 0.7) → 9 environments.
  await ioBoundClosedLoop(fn.url, 24, Date.now() + 6000);
  const high = (await engine.client.state('falling')).environments.length;

  // 12 in flight reach all 9 (none idle): settle until the surplus has been drained (it is, after
  // the 2 s delay and a tick; at most the 5 s this phase used to take), then a steady window.
  const drained = async (): Promise<boolean> => (await engine.client.state('falling')).environments.length < high;
  const settling = await ioBoundClosedLoopUntil(fn.url, 12, 5000, drained);
  const startMs = Date.now();
  const steady = await ioBoundClosedLoop(fn.url, 12, startMs + 4000);
  const endMs = Date.now();
  const stats = await engine.client.stats('falling', startMs, endMs);
  const low = (await engine.client.state('falling')).environments.length;

  const model = modelledEnvironments(stats, { startMs, endMs, latenciesMs: steady.latenciesMs }, { maxConcurrency, targetCpuPercent });
  const detail = `engine ${high} at 24 in flight, ${low} at 12; model ${model.environments} at ${model.rate.toFixed(1)} req/s × ${model.meanDurationMs.toFixed(0)} ms`;
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
