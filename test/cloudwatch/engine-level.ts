/**
 * A bounded level against a function of a real engine process: requests over kept-alive
 * connections, each one's client-side latency, and the window they were served in, started in a
 * fresh second so a warm-up call is never among them (the engine publishes per second).
 */
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { ComputeSpec } from '../../runner/engine/protocol.ts';

const ioBoundDir = fileURLToPath(new URL('../../workloads/io-bound', import.meta.url));

export interface Level {
  startMs: number;
  endMs: number;
  clientMedianMs: number;
}

export class LevelDriver {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 16 });
  readonly #engine: EngineHandle;

  constructor(engine: EngineHandle) {
    this.#engine = engine;
  }

  #post(url: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', agent: this.#agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      });
      req.once('error', reject);
      req.end(body);
    });
  }

  /** `total` requests, `concurrency` at a time over kept-alive connections; client-side latency of each, in ms. */
  async #drive(url: string, total: number, concurrency: number): Promise<number[]> {
    const latenciesMs: number[] = [];
    let next = 0;
    const body = JSON.stringify({ delaysMs: [150, 200, 100] });
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        const started = performance.now();
        const status = await this.#post(url, body);
        latenciesMs.push(performance.now() - started);
        assert.equal(status, 200);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return latenciesMs;
  }

  /** Deploys io-bound as `name`, calls it once, then sends `requests`, 4 at a time. */
  async measure(name: string, compute: ComputeSpec, requests: number): Promise<Level> {
    const fn = await this.#engine.client.deploy({ name, workloadDir: ioBoundDir, runtime: 'node', timeoutMs: 10_000, compute });
    // One warm-up call outside the counted window, so cold starts do not skew the median.
    await this.#drive(fn.url, 1, 1);
    // The engine publishes per second and the pull reads whole seconds: start the counted requests
    // in a fresh second, so the warm-up call (which started in an earlier one) is not among them.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
    const startMs = Date.now();
    const latencies = await this.#drive(fn.url, requests, 4);
    const endMs = Date.now();
    return { startMs, endMs, clientMedianMs: median(latencies) };
  }

  destroy(): void {
    this.#agent.destroy();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/** One engine process and its level driver for a file's tests: started before them, stopped after. */
export function engineForFile(): { engine: () => EngineHandle; driver: () => LevelDriver } {
  let engine: EngineHandle | undefined;
  let driver: LevelDriver | undefined;
  before(async () => {
    engine = await startEngine();
    driver = new LevelDriver(engine);
  });
  after(async () => {
    driver?.destroy();
    await engine?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    assert.ok(value !== undefined, 'the engine is started in before()');
    return value;
  };
  return { engine: () => started(engine), driver: () => started(driver) };
}
