/**
 * Load workers on the local engine: the bundled worker (runner/load/worker/) deployed as a
 * standard-Lambda function of the engine, invoked through its Function-URL-style endpoint with
 * the task as the body. N invocations at once are N environments: N worker threads, each with
 * its own event loop, as N Lambda workers are N sandboxes.
 */
import http from 'node:http';
import { rmSync } from 'node:fs';
import type { LoadWorkerPool } from '../target.ts';
import type { LoadTask, WorkerOutcome } from '../../load/load-task.ts';
import type { EngineClient } from './engine-client.ts';
import { buildLoadWorkerBundle, loadWorkerName } from '../../load/worker/bundle.ts';

/** Enough for the engine's threads; the worker's memory setting is not enforced locally. */
export const localLoadWorkerMemoryMb = 1024;
/** Lambda's longest timeout: a phase never outlasts it (the worker answers before). */
const workerTimeoutMs = 900_000;
/** Slack for the worker to wrap up (close connections, encode histograms) after its phase. */
const answerMarginMs = 30_000;

export interface LocalLoadWorkerOptions {
  /** Folder holding the worker's code (index.mjs + workload.json); built from the sources when absent. */
  bundleDir?: string;
}

export interface LocalLoadWorkers extends LoadWorkerPool {
  remove(): Promise<void>;
}

export async function deployLocalLoadWorkers(client: EngineClient, options: LocalLoadWorkerOptions = {}): Promise<LocalLoadWorkers> {
  const built = options.bundleDir === undefined;
  const dir = options.bundleDir ?? buildLoadWorkerBundle();
  let url: string;
  try {
    const deployed = await client.deploy({
      name: loadWorkerName,
      workloadDir: dir,
      runtime: 'node',
      timeoutMs: workerTimeoutMs,
      compute: { type: 'lambda', memoryMb: localLoadWorkerMemoryMb, concurrencyLimit: 1000, idleTimeoutMs: 3_600_000 },
    });
    url = deployed.url;
  } catch (error) {
    if (built) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    where: 'local engine',
    memoryMb: localLoadWorkerMemoryMb,
    run: (task, signal) => invoke(url, task, signal),
    async remove() {
      try {
        await client.remove(loadWorkerName);
      } finally {
        if (built) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** One invocation through the front door: 200 is the outcome, anything else the worker's failure. */
function invoke(url: string, task: LoadTask, signal: AbortSignal): Promise<WorkerOutcome> {
  const body = JSON.stringify(task);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, signal });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) {
          try {
            resolve(JSON.parse(text) as WorkerOutcome);
          } catch {
            reject(new Error('answered with a body that is not JSON'));
          }
          return;
        }
        let detail = text.slice(0, 300);
        try {
          const parsed = JSON.parse(text) as { errorType?: string; errorMessage?: string; message?: string };
          detail = [parsed.errorType, parsed.errorMessage ?? parsed.message].filter(Boolean).join(': ');
        } catch {
          // Not JSON: the raw text says it.
        }
        reject(new Error(`HTTP ${res.statusCode}${detail ? ` (${detail})` : ''}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    // The worker answers within its phase and the request timeout; past that plus a margin, it is lost.
    const limitMs = Math.max(0, task.startAtMs - Date.now()) + (task.durationSec + task.timeoutSec) * 1000 + answerMarginMs;
    req.setTimeout(limitMs, () => req.destroy(new Error(`no answer within ${Math.round(limitMs / 1000)} s (timed out)`)));
    req.end(body);
  });
}
