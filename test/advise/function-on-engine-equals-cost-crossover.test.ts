// test-lane: concurrent, waits: sleeps until the minute ends (4-5 CPU-s in 30-60 s); asserts read-back configuration, counts and equal prices (duration only within 20-500 ms).
/**
 * `advise --function NAME --endpoint URL` against the local engine reads the
 * function's memory and architecture (Lambda GetFunctionConfiguration) and its per-minute
 * invocations and duration (CloudWatch), all through the real SDKs; and its monthly figures
 * equal `cost crossover` on the same traffic (--from-function) and the same model inputs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { Advice } from '../../runner/advise/model.ts';
import { runCli } from '../cost/helpers/cli.ts';
import { measuredLevel, sampleRun } from '../cost/helpers/run.ts';
import { ioBoundDir, sendTraffic, untilNextMinute } from './engine-support.ts';
import { testTempDir } from '../temp-dir.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('advise --function on the engine: configuration and traffic read back, monthly figures equal cost crossover', { timeout: 150_000 }, async () => {
  const fn = await engine.client.deploy({
    name: 'advise-eq',
    workloadDir: ioBoundDir,
    runtime: 'node',
    timeoutMs: 10_000,
    architecture: 'arm64',
    compute: { type: 'lambda', memoryMb: 1024, concurrencyLimit: 100, idleTimeoutMs: 600_000 },
  });
  const requests = 40;
  await sendTraffic(fn.url, requests, 20);
  await untilNextMinute();

  const dir = testTempDir('lmi-bench-advise-eq-');
  const advicePath = join(dir, 'advice.json');
  const common = ['--endpoint', engine.controlUrl, '--days', '1', '--offline', '--instance-type', 'm7g.xlarge'];
  // A minute or two of history is under a day: no monthly verdict unless the user insists.
  // Both read the same minutes; run side by side, their start-ups overlap.
  const [refused, advised] = await Promise.all([
    runCli(['advise', '--function', 'advise-eq', '--cpu-ms', '4', ...common]),
    runCli(['advise', '--function', 'advise-eq', '--cpu-ms', '4', '--allow-short-history', '--json', advicePath, ...common]),
  ]);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /CloudWatch has [1-3] minute\(s\) of invocations, under a day.*--allow-short-history/);
  assert.equal(advised.code, 0, advised.stderr);
  assert.match(advised.stdout, /! Projected from [1-3] minute\(s\) of history .*not the 1 day\(s\) asked for/);
  const advice = JSON.parse(await readFile(advicePath, 'utf8')) as Advice;

  // Read from the engine: what was deployed, and the traffic that was sent.
  assert.equal(advice.function.name, 'advise-eq');
  assert.equal(advice.function.memoryMb, 1024);
  assert.equal(advice.function.architecture, 'arm64');
  assert.match(advice.function.runtime ?? '', /^nodejs\d+\.x$/);
  assert.equal(advice.function.timeoutSec, 10);
  assert.ok(advice.function.meanDurationMs >= 20 && advice.function.meanDurationMs < 500, `mean duration ${advice.function.meanDurationMs}`);
  assert.ok((advice.function.p99DurationMs ?? 0) >= advice.function.meanDurationMs);
  const minutes = advice.traffic.minutes;
  assert.ok(minutes >= 1 && minutes <= 3, `${minutes} minutes of history`);
  assert.ok(Math.abs(advice.traffic.requestsPerMonth - requests * ((730 * 60) / minutes)) < 1e-6 * advice.traffic.requestsPerMonth);

  // The same inputs as a run's measured levels: what `cost crossover` prices.
  const run = sampleRun();
  const durationMs = advice.function.meanDurationMs;
  const settings = advice.lmi.settings;
  run.plan = { ...run.plan, lambda: { ...run.plan.lambda, memoryMb: 1024, architecture: 'arm64' }, lmi: { ...run.plan.lmi, instanceType: 'm7g.xlarge', minEnvironments: settings.minEnvironments } };
  run.levels = [
    measuredLevel({ mode: 'lambda', variantId: 'lambda-m1024', concurrency: 4, ok: 400, throughputRps: 40, durationMs, latencyMeanMs: durationMs, cpuSecondsPerRequest: 0.004, settings: { memoryMb: 1024 } }),
    measuredLevel({
      mode: 'lmi',
      variantId: 'lmi-eq',
      concurrency: 4,
      ok: 400,
      throughputRps: 40,
      durationMs,
      latencyMeanMs: durationMs,
      cpuSecondsPerRequest: 0.004,
      settings: { memoryMb: settings.memoryMb, maxConcurrency: settings.maxConcurrency, gibPerVcpu: settings.gibPerVcpu },
    }),
  ];
  const runPath = join(dir, 'run.json');
  await writeFile(runPath, JSON.stringify(run));
  const crossed = await runCli(['cost', 'crossover', '--run', runPath, '--from-function', 'advise-eq', '--arch', 'arm64', ...common]);
  assert.equal(crossed.code, 0, crossed.stderr);
  const crossover = (JSON.parse(crossed.stdout) as { crossover: { requestsPerSecond: number[]; profile: { requestsPerMonth: number; lambdaUsdPerMonth: number; lmiUsdPerMonth: number } } }).crossover;

  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  assert.ok(close(advice.traffic.requestsPerMonth, crossover.profile.requestsPerMonth), `${advice.traffic.requestsPerMonth} vs ${crossover.profile.requestsPerMonth}`);
  assert.ok(close(advice.lambda.usdPerMonth, crossover.profile.lambdaUsdPerMonth), `Lambda ${advice.lambda.usdPerMonth} vs ${crossover.profile.lambdaUsdPerMonth}`);
  assert.ok(close(advice.lmi.usdPerMonth, crossover.profile.lmiUsdPerMonth), `LMI ${advice.lmi.usdPerMonth} vs ${crossover.profile.lmiUsdPerMonth}`);
  assert.equal(advice.crossoversRequestsPerSecond.length, crossover.requestsPerSecond.length);
  advice.crossoversRequestsPerSecond.forEach((rate, i) => assert.ok(close(rate, crossover.requestsPerSecond[i] ?? 0)));
});
