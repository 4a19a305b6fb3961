/**
 * GetMetricData off the engine's event loop. The front doors share that loop, and a large
 * request (a day of 1-second periods for 20 metrics) takes it for most of a second even in
 * slices; its sorting, its 100,800-point page and the garbage it leaves stall them for tens
 * of ms at a time. So the engine answers CloudWatch from a worker thread that keeps a replica
 * of the MetricsStore: every write is posted to it, batched over `replicaFlushMs`, and flushed
 * before each request, so a request sees every record made before it arrived.
 *
 * If the thread dies (a bug, or memory), the requests it held answer InternalServiceFault and
 * the next request starts a new thread from the store's whole contents.
 */
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../../system/error-message.ts';
import type { MetricsStore, StoreWrite } from '../metrics-store.ts';
import { internalFault, type CloudWatchResponse } from './errors.ts';

export interface CloudWatchRequest {
  /** The X-Amz-Target header. */
  target: string | undefined;
  body: string;
}

/** Messages to the query thread, in the order they must be applied. */
export type ToQueryThread =
  | { t: 'writes'; writes: StoreWrite[] }
  | { t: 'request'; id: number; request: CloudWatchRequest; nowMs: number };

interface FromQueryThread {
  id: number;
  answer: CloudWatchResponse;
}

const workerUrl = new URL('./query-worker.mjs', import.meta.url);

/**
 * How long writes wait to be posted to the replica. A post per turn of the event loop cost the
 * engine's main thread about 6% under a no-op load (one structured clone and one wake-up of the
 * thread per turn, a turn carrying a few invocations); 100 ms of writes at tens of thousands of
 * requests a second is still a clone of a few milliseconds. A request flushes first, so what
 * it sees never depends on this.
 */
const replicaFlushMs = 100;

/**
 * The thread's heap. A request too large for it ends the thread (ERR_WORKER_OUT_OF_MEMORY), not
 * the engine: it answers InternalServiceFault and the next request gets a new thread.
 */
export const queryThreadHeapMb = 2048;

export class CloudWatchQueryThread {
  readonly #store: MetricsStore;
  readonly #stopListening: () => void;
  #worker: Worker | undefined;
  #pending: StoreWrite[] = [];
  #flushQueued = false;
  #nextId = 1;
  readonly #waiting = new Map<number, (answer: CloudWatchResponse) => void>();
  #closed = false;

  readonly #heapMb: number;

  constructor(store: MetricsStore, options: { heapMb?: number } = {}) {
    this.#store = store;
    this.#heapMb = options.heapMb ?? queryThreadHeapMb;
    this.#stopListening = store.onWrite((write) => {
      // Without a thread there is no replica to keep: the next one starts from the whole store.
      if (!this.#worker) return;
      this.#pending.push(write);
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        // Unref'd: pending writes alone must not keep the engine alive.
        setTimeout(() => this.#flush(), replicaFlushMs).unref();
      }
    });
  }

  /** Starts the thread now rather than on the first request (its loader takes a few hundred ms). */
  start(): void {
    if (!this.#worker && !this.#closed) this.#worker = this.#spawn();
  }

  #spawn(): Worker {
    // No execArgv of the engine's (its flags are for the engine's own heap and GC).
    const worker = new Worker(workerUrl, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.#heapMb } });
    worker.postMessage({ t: 'writes', writes: this.#store.contents() } satisfies ToQueryThread);
    this.#pending = [];
    worker.on('message', (message: FromQueryThread) => {
      const resolve = this.#waiting.get(message.id);
      this.#waiting.delete(message.id);
      if (this.#waiting.size === 0) worker.unref();
      resolve?.(message.answer);
    });
    let failure = 'it exited';
    worker.on('error', (error) => (failure = errorMessage(error)));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      const answer = internalFault(new Error(`the CloudWatch query thread stopped (${failure}, exit code ${code})`));
      for (const resolve of this.#waiting.values()) resolve(answer);
      this.#waiting.clear();
    });
    // An idle query thread must not keep the process alive; one with requests does (handle()).
    worker.unref();
    return worker;
  }

  #flush(): void {
    this.#flushQueued = false;
    if (this.#pending.length === 0 || !this.#worker) return;
    this.#worker.postMessage({ t: 'writes', writes: this.#pending } satisfies ToQueryThread);
    this.#pending = [];
  }

  /** Answers one CloudWatch API request; like handleCloudWatchRequest, it never throws. */
  handle(request: CloudWatchRequest, nowMs: number = Date.now()): Promise<CloudWatchResponse> {
    if (this.#closed) return Promise.resolve(internalFault(new Error('the engine is shutting down')));
    this.start();
    this.#flush();
    const worker = this.#worker as Worker;
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      worker.ref();
      worker.postMessage({ t: 'request', id, request, nowMs } satisfies ToQueryThread);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopListening();
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}
