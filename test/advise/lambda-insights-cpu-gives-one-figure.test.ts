// test-lane: concurrent, waits: sleeps until the minute ends (4-5 CPU-s in 30-60 s); CPU time is thread time, compared with its own duration.
/**
 * A deployed function with Lambda Insights: advise reads cpu_total_time (namespace
 * LambdaInsights), served by the local engine from each invocation's measured CPU, and gives
 * one break-even instead of the range over the CPU share; an I/O-bound handler's figure sits
 * at the all-waiting end of the range a what-if with the same duration shows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { Advice } from '../../runner/advise/model.ts';
import { runCli } from '../cost/helpers/cli.ts';
import { ioBoundDir, sendTraffic, untilNextMinute } from './engine-support.ts';
import { testTempDir } from '../temp-dir.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('advise reads Lambda Insights cpu_total_time from the engine: one figure, near the all-waiting end for an I/O-bound handler', { timeout: 150_000 }, async () => {
  const fn = await engine.client.deploy({
    name: 'advise-insights',
    workloadDir: ioBoundDir,
    runtime: 'node',
    timeoutMs: 10_000,
    architecture: 'arm64',
    compute: { type: 'lambda', memoryMb: 1024, concurrencyLimit: 100, idleTimeoutMs: 600_000 },
  });
  await sendTraffic(fn.url, 40, 50);
  await untilNextMinute();
  const dir = testTempDir('lmi-bench-advise-insights-');
  const advicePath = join(dir, 'advice.json');
  const common = ['--endpoint', engine.controlUrl, '--days', '1', '--offline', '--instance-type', 'm7g.xlarge', '--allow-short-history'];
  const advised = await runCli(['advise', '--function', 'advise-insights', '--json', advicePath, ...common]);
  assert.equal(advised.code, 0, advised.stderr);
  const advice = JSON.parse(await readFile(advicePath, 'utf8')) as Advice;
  assert.equal(advice.function.cpuFrom, 'lambda-insights');
  const cpuMs = advice.function.cpuMsPerRequest ?? -1;
  // The handler waits 50 ms: its CPU time is a small part of its duration.
  assert.ok(cpuMs > 0 && cpuMs < advice.function.meanDurationMs / 2, `cpu ${cpuMs} ms of ${advice.function.meanDurationMs} ms`);
  assert.equal(advice.sensitivity, null);
  assert.match(advised.stdout, /CPU-ms per request \(Lambda Insights cpu_total_time\)/);
  assert.doesNotMatch(advised.stdout, /break-even is a range/);

  // The same function as a what-if with CPU unknown: a range, whose all-waiting end is close to the Insights figure.
  const whatIf = await runCli(['advise', '--rps', '10', '--duration-ms', String(advice.function.meanDurationMs), '--memory-mb', '1024', '--arch', 'arm64', '--offline', '--instance-type', 'm7g.xlarge', '--json', join(dir, 'what-if.json')]);
  assert.equal(whatIf.code, 0, whatIf.stderr);
  const range = JSON.parse(await readFile(join(dir, 'what-if.json'), 'utf8')) as Advice;
  const low = range.sensitivity?.[0]?.breakEvenRequestsPerSecond ?? null;
  const high = range.sensitivity?.at(-1)?.breakEvenRequestsPerSecond ?? null;
  const one = advice.breakEvenRequestsPerSecond;
  assert.ok(low !== null && one !== null, `low ${low}, one ${one}`);
  assert.ok(one >= low * 0.999 && (high === null || one <= high), `Insights break-even ${one} within [${low}, ${high}]`);
  assert.ok(one < low * 1.5, `an I/O-bound handler's break-even ${one} near the all-waiting end ${low}`);
  assert.match(whatIf.stdout, /break-even is a range/);
});
