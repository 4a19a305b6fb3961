/** A level's load from load workers hosted on the target, each phase shared among them and merged exactly. */
import type { LevelLoad, WorkerLoadRecord } from '../run/run-file.ts';
import { runDistributedPhase } from '../load/distributed-load.ts';
import type { LoadShape } from '../load/load-task.ts';
import { addCounts } from '../load/merge-workers.ts';
import { untilAborted } from './abortable.ts';
import { WorkerPhaseError, type LevelWorkers, type LoadSource, type SourceRequest } from './load-source.ts';

export function workerSource(request: SourceRequest, workers: LevelWorkers, shape: LoadShape): LoadSource {
  const records = new Map<number, WorkerLoadRecord>();
  return {
    async phase(spec) {
      const startAtMs = spec.startAtMs ?? Date.now() + workers.leadMs;
      // Workers report at the end of the phase: the clock moves meanwhile, the counts do not.
      const ticker = setInterval(() => spec.onProgress({ elapsedMs: Math.max(0, Date.now() - startAtMs), requests: { ok: 0, throttled: 0, errors: 0 } }), 250);
      try {
        const { url, body, timeoutSec, signal } = request;
        const outcome = await untilAborted(runDistributedPhase(workers.pool, { url, body, shape, durationSec: spec.durationSec, timeoutSec, startAtMs, workers: workers.count }, signal), signal);
        addWorkerRecords(records, outcome.workers, spec.measured);
        if (!outcome.ok) throw new WorkerPhaseError(outcome.reason, outcome.workers);
        return outcome.result;
      } finally {
        clearInterval(ticker);
      }
    },
    describe: (): LevelLoad => ({ mode: 'workers', workers: [...records.values()].sort((a, b) => a.worker - b.worker) }),
  };
}

/** Each worker over the level's phases: requests summed, window widened, invocation time summed. */
function addWorkerRecords(into: Map<number, WorkerLoadRecord>, records: WorkerLoadRecord[], measured: boolean): void {
  for (const record of records) {
    const known = into.get(record.worker) ?? { worker: record.worker, requests: { ok: 0, throttled: 0, errors: 0 }, window: null, invokedMs: 0, invocations: 0 };
    known.invokedMs += record.invokedMs;
    known.invocations += record.invocations;
    if (record.error !== undefined) known.error = record.error;
    if (measured) {
      addCounts(known.requests, record.requests);
      if (record.lateStartMs !== undefined) known.lateStartMs = Math.max(known.lateStartMs ?? 0, record.lateStartMs);
      if (record.window) {
        known.window = known.window
          ? { ...known.window, startMs: Math.min(known.window.startMs, record.window.startMs), endMs: Math.max(known.window.endMs, record.window.endMs) }
          : { ...record.window };
        known.window.start = new Date(known.window.startMs).toISOString();
        known.window.end = new Date(known.window.endMs).toISOString();
      }
    }
    into.set(record.worker, known);
  }
}
