/** Shared helpers of the engine tests: a real engine process, specs and concurrent requests. */
import { fileURLToPath } from 'node:url';
import { request as httpRequest, Agent } from 'node:http';
import type { FunctionSpec, LmiComputeSpec, StandardComputeSpec } from '../../runner/engine/protocol.ts';

export const fixturesDir = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));
export const probeDir = fixturesDir + 'probe';
export const ioBoundDir = fileURLToPath(new URL('../../workloads/io-bound', import.meta.url));

export function standardSpec(name: string, compute: Partial<StandardComputeSpec> = {}, rest: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    name,
    workloadDir: probeDir,
    runtime: 'node',
    timeoutMs: 10_000,
    compute: { type: 'lambda', memoryMb: 512, concurrencyLimit: 100, idleTimeoutMs: 600_000, ...compute },
    ...rest,
  };
}

export function lmiSpec(name: string, compute: Partial<LmiComputeSpec> = {}, rest: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    name,
    workloadDir: probeDir,
    runtime: 'node',
    timeoutMs: 10_000,
    compute: {
      type: 'lmi',
      memoryMb: 2048,
      maxConcurrency: 16,
      gibPerVcpu: 2,
      minEnvironments: 3,
      instanceType: 'm7g.xlarge',
      maxVcpus: 400,
      // Tests opt in to scaling; by default nothing changes under them.
      scalerIntervalMs: 600_000,
      ...compute,
    },
    ...rest,
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** Each call on its own connection, so `n` calls are truly `n` requests at once. */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function send(url: string, body: unknown = {}, options: { method?: string; path?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const target = new URL(options.path ?? '', url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      { method: options.method ?? 'POST', agent, headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const replyBody = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: replyBody, json: <T,>() => JSON.parse(replyBody) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(options.method === 'GET' ? undefined : text);
  });
}

export function sendMany(url: string, count: number, body: unknown = {}): Promise<Reply[]> {
  return Promise.all(Array.from({ length: count }, () => send(url, body)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` until it returns true or `timeoutMs` passes; returns the last result. Every
 * 25 ms: a check is a /proc read or one state request, and a coarser poll only adds its own
 * half-interval to every wait.
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}
