/**
 * One load phase spread over load workers: each gets its share of the connections (or of the
 * arrival rate), all start at one common time so their windows line up, and their results are
 * merged exactly (merge-workers.ts). A worker that fails, is killed or times out fails the
 * phase with a reason that names it; the others' records are kept.
 */
import type { WorkerLoadRecord } from '../run/run-file.ts';
import { evenShares, type LoadShape, type LoadTask, type LoadWorkerPool } from './load-task.ts';
import { mergeWorkerResults } from './merge-workers.ts';
import type { LoadResult } from './load-result.ts';

export interface PhaseSpec {
  url: string;
  body: string;
  /** The whole phase's load, split among the workers. */
  shape: LoadShape;
  durationSec: number;
  timeoutSec: number;
  /** Epoch ms at which every worker starts. */
  startAtMs: number;
  workers: number;
}

export type PhaseOutcome =
  | { ok: true; result: LoadResult; workers: WorkerLoadRecord[] }
  | { ok: false; reason: string; workers: WorkerLoadRecord[] };

/** The per-worker shapes: connections split as evenly as whole numbers allow, the rate evenly. */
export function splitShape(shape: LoadShape, workers: number): LoadShape[] {
  if (shape.kind === 'closed') {
    return evenShares(shape.connections, workers)
      .filter((connections) => connections > 0)
      .map((connections) => ({ kind: 'closed', connections }));
  }
  const connections = evenShares(shape.maxConnections, workers);
  return connections.filter((c) => c > 0).map((maxConnections) => ({ kind: 'open', ratePerSec: shape.ratePerSec / connections.filter((c) => c > 0).length, maxConnections }));
}

export async function runDistributedPhase(pool: LoadWorkerPool, spec: PhaseSpec, signal: AbortSignal): Promise<PhaseOutcome> {
  const shapes = splitShape(spec.shape, spec.workers);
  const tasks: LoadTask[] = shapes.map((shape, worker) => ({
    worker,
    url: spec.url,
    body: spec.body,
    shape,
    durationSec: spec.durationSec,
    timeoutSec: spec.timeoutSec,
    startAtMs: spec.startAtMs,
    ...(pool.signing ? { signing: pool.signing } : {}),
  }));
  const invokedMs: number[] = tasks.map(() => 0);
  const settled = await Promise.allSettled(
    tasks.map(async (task) => {
      const startMs = Date.now();
      try {
        return await pool.run(task, signal);
      } finally {
        invokedMs[task.worker] = Date.now() - startMs;
      }
    }),
  );
  const workers: WorkerLoadRecord[] = [];
  const results: LoadResult[] = [];
  const failures: string[] = [];
  settled.forEach((outcome, worker) => {
    if (outcome.status === 'fulfilled') {
      const { result, lateStartMs } = outcome.value;
      results.push(result);
      workers.push({ worker, requests: result.requests, window: result.window, invokedMs: invokedMs[worker] ?? 0, invocations: 1, lateStartMs });
    } else {
      const message = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      failures.push(`load worker ${worker} failed: ${message}`);
      workers.push({ worker, requests: { ok: 0, throttled: 0, errors: 0 }, window: null, invokedMs: invokedMs[worker] ?? 0, invocations: 1, error: message });
    }
  });
  if (failures.length > 0) return { ok: false, reason: failures.join('; '), workers };
  return { ok: true, result: mergeWorkerResults(results), workers };
}
