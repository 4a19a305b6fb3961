/**
 * Where a level's load comes from, one implementation per kind behind this interface: the
 * runner's closed loop (autocannon), its open loop (open-loop.ts), or load workers hosted on the
 * target and merged exactly (worker-source.ts). The level runs its phases through it and
 * never asks which kind it has.
 */
import type { LevelLoad, WorkerLoadRecord } from '../run/run-file.ts';
import type { LoadProgress, LoadResult } from '../load/load-result.ts';
import type { LoadWorkerPool } from '../target/target.ts';

/** One phase of a level: the warm-up or a trial. */
export interface PhaseSpec {
  durationSec: number;
  /** Fixed-time phases (parallel variants on AWS): when the load starts. */
  startAtMs: number | undefined;
  /** A trial (its requests are the level's); false for the warm-up. */
  measured: boolean;
  onProgress: (progress: LoadProgress) => void;
}

export interface LoadSource {
  /** One phase's load. Throws WorkerPhaseError when a load worker failed. */
  phase(spec: PhaseSpec): Promise<LoadResult>;
  /** How the level's load was made, for run.json (the workers' records so far). */
  describe(): LevelLoad;
}

/** What every source needs to send the level's requests. */
export interface SourceRequest {
  url: string;
  /** The event, as the request body. */
  body: string;
  /** The client gives up on a request after this long (a little over the function timeout). */
  timeoutSec: number;
  signal: AbortSignal;
}

/** Load workers for the level: the pool and how many of its workers share each phase. */
export interface LevelWorkers {
  pool: LoadWorkerPool;
  count: number;
  /** Workers are invoked this long before their common start (they may cold-start). */
  leadMs: number;
}

/** A phase whose load worker failed: the level fails with the worker named. */
export class WorkerPhaseError extends Error {
  readonly workers: WorkerLoadRecord[];
  constructor(reason: string, workers: WorkerLoadRecord[]) {
    super(reason);
    this.workers = workers;
  }
}
