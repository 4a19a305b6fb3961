/**
 * The engine's own overhead benchmark: a no-op handler under standard Lambda and LMI against a
 * bare node:http server (each in its own process, loaded by autocannon from this process), the
 * latency the engine adds to io-bound (all at the run's concurrency, 64 by default), and memory
 * per environment (Node.js: the PSS of its process, so the node binary shared by every
 * environment counts once).
 */
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { runLoad, type LoadResult } from '../load/run-load.ts';
import type { FunctionSpec } from '../engine/protocol.ts';
import { startEngine, type EngineHandle } from '../target/local/engine-process.ts';
import { builtInWorkloadsDir, loadWorkload, resolveHandler } from '../workload/load.ts';
import { startBareServer } from './bare-process.ts';
import { perEnvironmentBytes, rssBytesOf } from './memory.ts';
import type { BenchRow } from './table.ts';
import { sum } from '../system/sum.ts';
import { sleep } from '../system/sleep.ts';

const noopDir = fileURLToPath(new URL('./noop/', import.meta.url));
const ioBoundDir = builtInWorkloadsDir + 'io-bound';
/** The io-bound handler's own time: its longest downstream wait. */
const ioBoundHandlerMs = 200;
const mib = 1024 * 1024;
/**
 * The discarded warm-up before each measurement, by default. Each standard environment is a node
 * process of its own whose JIT warms on its own requests only: after 1 s, 64 of them still ran
 * cold into the measured window (677-1,137 req/s over the next 5 s, then 3,600 in the 5 s after,
 * on a loaded machine), so the figure was the JIT's warm-up, not the engine's steady state.
 */
export const defaultWarmupSec = 3;
/** Where the function's state cannot be read (the bare server): longer than the io-bound handler's 200 ms. */
const settleAfterWarmupMs = 2 * ioBoundHandlerMs + 100;

export interface BenchEngineOptions {
  durationSec: number;
  concurrency: number;
  /** Discarded load before each measurement (default defaultWarmupSec); 0 skips it, for a quick smoke run. */
  warmupSec?: number;
  onStep?: (what: string) => void;
}

function lmiCompute(maxConcurrency: number): FunctionSpec['compute'] {
  return { type: 'lmi', memoryMb: 2048, maxConcurrency, gibPerVcpu: 2, minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400, scalerIntervalMs: 600_000 };
}

function standardCompute(): FunctionSpec['compute'] {
  return { type: 'lambda', memoryMb: 512, concurrencyLimit: 1000, idleTimeoutMs: 600_000 };
}

/** `count` requests at once, each on its own connection: starts that many standard environments. */
async function prime(url: string, count: number, body: string): Promise<void> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => resolve());
          });
          req.on('error', reject);
          req.end(body);
        }),
    ),
  );
  agent.destroy();
}

/** Resolves once no environment of the function runs an invocation (at most `maxWaitMs`). */
async function untilIdle(engine: EngineHandle, name: string, maxWaitMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline) {
    const { environments } = await engine.client.state(name);
    if (environments.every((e) => e.inFlight === 0)) return;
    await sleep(50);
  }
}

/**
 * `settled`: resolves when what the warm-up left running has ended. The warm-up ends with up to
 * `concurrency` requests still running in the function (the load generator only stops waiting
 * for them); measuring at once, standard Lambda would find those environments busy and
 * cold-start new ones inside the measured window: the io-bound p99 was seconds of worker-thread
 * start-up, not the engine's dispatch.
 */
async function load(url: string, concurrency: number, durationSec: number, warmupSec: number, body = '{}', settled: () => Promise<void> = () => sleep(settleAfterWarmupMs)): Promise<LoadResult> {
  // Every environment the level needs is started first, then a short discarded warm-up, so
  // cold starts and JIT stay out of the figures.
  await prime(url, concurrency, body);
  if (warmupSec > 0) {
    await runLoad({ url, concurrency, durationSec: warmupSec, body });
    await settled();
  }
  return runLoad({ url, concurrency, durationSec, body });
}

function row(what: string, result: LoadResult, note: string): BenchRow {
  return { what, requestsPerSecond: result.throughputRps, p50Ms: result.latencyMs?.p50 ?? null, p99Ms: result.latencyMs?.p99 ?? null, note };
}

function failures(result: LoadResult): string {
  const bad = result.requests.throttled + result.requests.errors;
  return bad > 0 ? `; ${result.requests.throttled} throttled, ${result.requests.errors} errors` : '';
}

function pct(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(0)}%`;
}

/**
 * Memory one Node.js environment costs: its process's PSS (proportional set size: the node
 * binary's pages shared with the engine and the other environments count once across them,
 * where RSS would count ~32 MB of shared text per environment), plus what the engine's own
 * resident memory grew by per environment (its channel, its bookkeeping).
 */
async function memoryPerEnvironment(engine: EngineHandle, spec: FunctionSpec, warmConcurrency: number): Promise<{ mibPerEnvironment: number; pssMib: number; engineMib: number; environments: number }> {
  const before = rssBytesOf(engine.pid);
  const deployed = await engine.client.deploy(spec);
  if (warmConcurrency > 0) await runLoad({ url: deployed.url, concurrency: warmConcurrency, durationSec: 1, body: '{}' });
  await sleep(500);
  const environments = (await engine.client.state(spec.name)).environments;
  const after = rssBytesOf(engine.pid);
  await engine.client.remove(spec.name);
  // Only running processes have a PSS (one still starting has none yet).
  const measured = environments.flatMap((e) => (e.rssBytes === undefined ? [] : [e.rssBytes]));
  const pssMib = sum(measured) / measured.length / mib;
  const engineMib = perEnvironmentBytes(before, after, environments.length) / mib;
  return { mibPerEnvironment: pssMib + engineMib, pssMib, engineMib, environments: measured.length };
}

function memoryNote(memory: { mibPerEnvironment: number; pssMib: number; engineMib: number; environments: number }, target: string): string {
  return `${memory.mibPerEnvironment.toFixed(1)} MiB per environment: ${memory.pssMib.toFixed(1)} MiB PSS of its process (pages shared with other node processes counted once) + ${memory.engineMib.toFixed(1)} MiB of the engine's growth (${memory.environments} environments${target})`;
}

/**
 * Java no-op rows beside Node's: the same handler through the Runtime API and one JVM per
 * environment. Standard Lambda runs one JVM per concurrent request, so its row holds at most
 * 4 connections (4 JVMs) on a small machine; LMI takes the full concurrency on its threads.
 */
const javaStandardConnections = 4;

async function javaNoopRows(engine: EngineHandle, concurrency: number, durationSec: number, warmupSec: number, baselineRps: number, step: (what: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = [
    { name: 'noop-java-standard', what: 'engine standard, no-op (java)', compute: standardCompute(), connections: Math.min(concurrency, javaStandardConnections) },
    { name: 'noop-java-lmi', what: 'engine LMI, no-op (java)', compute: lmiCompute(Math.max(64, concurrency)), connections: concurrency },
  ];
  for (const run of runs) {
    step(`${run.what}, ${run.connections} connections`);
    const deployed = await engine.client.deploy({ name: run.name, workloadDir: noopDir, runtime: 'java', timeoutMs: 30_000, compute: run.compute });
    const result = await load(deployed.url, run.connections, durationSec, warmupSec, '{}', () => untilIdle(engine, run.name));
    rows.push(row(run.what, result, `${pct(result.throughputRps, baselineRps)} of bare req/s at ${run.connections} connections${failures(result)}`));
    await engine.client.remove(run.name);
  }
  return rows;
}

/** Python environments are processes: their resident memory is read per environment. */
async function pythonMemoryRow(engine: EngineHandle): Promise<BenchRow> {
  const name = 'mem-python';
  const deployed = await engine.client.deploy({ name, workloadDir: ioBoundDir, runtime: 'python', timeoutMs: 30_000, compute: standardCompute() });
  await prime(deployed.url, 4, JSON.stringify({ delaysMs: [1] }));
  const sizes = (await engine.client.state(name)).environments.map((e) => e.rssBytes ?? Number.NaN);
  await engine.client.remove(name);
  const meanMib = sum(sizes) / sizes.length / mib;
  return { what: 'memory, standard env (python)', requestsPerSecond: null, p50Ms: null, p99Ms: null, note: `${meanMib.toFixed(1)} MiB resident per environment (${sizes.length} environments, io-bound)` };
}

export async function runBenchEngine(options: BenchEngineOptions): Promise<BenchRow[]> {
  const { durationSec, concurrency } = options;
  const warmupSec = options.warmupSec ?? defaultWarmupSec;
  const step = options.onStep ?? (() => undefined);
  const rows: BenchRow[] = [];
  const bare = await startBareServer();
  let engine: EngineHandle | undefined;
  try {
    step(`bare node:http server, ${concurrency} connections, ${durationSec} s`);
    const baseline = await load(bare.url, concurrency, durationSec, warmupSec);
    rows.push(row('bare node:http server', baseline, `baseline${failures(baseline)}`));
    await bare.stop();

    const started = await startEngine();
    engine = started;
    const spec = (name: string, workloadDir: string, compute: FunctionSpec['compute']): FunctionSpec => ({ name, workloadDir, runtime: 'node', timeoutMs: 30_000, compute });

    step(`engine, standard Lambda, no-op handler`);
    const std = await engine.client.deploy(spec('noop-standard', noopDir, standardCompute()));
    const stdResult = await load(std.url, concurrency, durationSec, warmupSec, '{}', () => untilIdle(started, 'noop-standard'));
    rows.push(row('engine standard, no-op', stdResult, `${pct(stdResult.throughputRps, baseline.throughputRps)} of bare req/s (target >= 40%)${failures(stdResult)}`));
    await engine.client.remove('noop-standard');

    step(`engine, LMI, no-op handler`);
    const lmi = await engine.client.deploy(spec('noop-lmi', noopDir, lmiCompute(Math.max(64, concurrency))));
    const lmiResult = await load(lmi.url, concurrency, durationSec, warmupSec, '{}', () => untilIdle(started, 'noop-lmi'));
    rows.push(row('engine LMI, no-op', lmiResult, `${pct(lmiResult.throughputRps, baseline.throughputRps)} of bare req/s (target >= 60%)${failures(lmiResult)}`));
    await engine.client.remove('noop-lmi');
    rows.push(...(await javaNoopRows(engine, concurrency, durationSec, warmupSec, baseline.throughputRps, step)));

    // The same io-bound handler called in-process by a bare server: what the timers, node:http
    // and the load generator cost without the engine, so the engine's own share can be told apart.
    const ioBody = JSON.stringify({ delaysMs: [150, 200, 100] });
    step(`bare node:http server calling the io-bound handler in-process, concurrency ${concurrency}`);
    const bareIo = await startBareServer(resolveHandler(loadWorkload(ioBoundDir), 'node'));
    const bareIoResult = await load(bareIo.url, concurrency, durationSec, warmupSec, ioBody);
    await bareIo.stop();
    const bareIoP50 = bareIoResult.latencyMs?.p50 ?? Number.NaN;
    const bareIoP99 = bareIoResult.latencyMs?.p99 ?? Number.NaN;
    rows.push(row('bare server + io-bound handler', bareIoResult, `p50 ${(bareIoP50 - ioBoundHandlerMs).toFixed(3)} ms over ${ioBoundHandlerMs} ms with no engine (timers, HTTP, load generator)${failures(bareIoResult)}`));
    for (const mode of ['standard', 'lmi'] as const) {
      step(`engine, ${mode}, io-bound at concurrency ${concurrency}`);
      const name = `io-${mode}`;
      const io = await engine.client.deploy(spec(name, ioBoundDir, mode === 'lmi' ? lmiCompute(Math.max(64, concurrency)) : standardCompute()));
      const ioResult = await load(io.url, concurrency, durationSec, warmupSec, ioBody, () => untilIdle(started, name));
      const p50 = ioResult.latencyMs?.p50 ?? Number.NaN;
      const p99Ratio = (ioResult.latencyMs?.p99 ?? Number.NaN) / bareIoP99;
      rows.push(
        row(
          `engine ${mode}, io-bound c=${concurrency}`,
          ioResult,
          `p50 − ${ioBoundHandlerMs} ms = ${(p50 - ioBoundHandlerMs).toFixed(3)} ms (target <= 1 ms); engine's own share ${(p50 - bareIoP50).toFixed(3)} ms over the bare server; p99 ${p99Ratio.toFixed(2)}x the bare server's (target <= 1.25x)${failures(ioResult)}`,
        ),
      );
      await engine.client.remove(name);
    }

    step('memory per environment');
    // Up to 32 warm environments: enough for a mean, and no more than the run's concurrency asks for.
    const stdMemory = await memoryPerEnvironment(engine, spec('mem-standard', noopDir, standardCompute()), Math.min(32, concurrency));
    rows.push({ what: 'memory, standard env (node)', requestsPerSecond: null, p50Ms: null, p99Ms: null, note: memoryNote(stdMemory, '; target <= 20 MB') });
    const lmiMemory = await memoryPerEnvironment(engine, spec('mem-lmi', noopDir, lmiCompute(64)), 0);
    rows.push({ what: 'memory, LMI env (node)', requestsPerSecond: null, p50Ms: null, p99Ms: null, note: memoryNote(lmiMemory, '') });
    rows.push(await pythonMemoryRow(engine));
    return rows;
  } finally {
    await bare.stop();
    await engine?.stop();
  }
}
