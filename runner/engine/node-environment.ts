/**
 * A Node.js execution environment: one worker thread with its own module state. On LMI the
 * concurrent invocations of the environment share that thread's event loop (and therefore
 * the handler's module-level state), as they do in the real service.
 */
import { Worker } from 'node:worker_threads';
import { threadCpuSeconds } from './proc-stats.ts';
import { EnvironmentBase, InitError, type InvokeOutcome } from './environment.ts';

const bootstrapUrl = new URL('./runtimes/node-bootstrap.mjs', import.meta.url);

type WorkerMessage =
  | { t: 'ready'; initMs: number; tid: number | null }
  | { t: 'init-error'; message: string }
  | { id: number; ok: true; result: unknown; t?: undefined }
  | { id: number; ok: false; message: string; t?: undefined };

export class NodeEnvironment extends EnvironmentBase {
  readonly runtime = 'node' as const;
  readonly #pending = new Map<number, (outcome: InvokeOutcome) => void>();
  #worker: Worker | undefined;
  #nextId = 0;
  #cpuSecondsAtExit = 0;
  /** Linux thread id of the worker, when /proc can tell its CPU time apart. */
  #tid: number | null = null;
  #rejectStart: ((error: InitError) => void) | undefined;

  start(): Promise<number> {
    const startedAt = performance.now();
    const { handler, functionName, memoryMb } = this.options;
    const worker = new Worker(bootstrapUrl, {
      workerData: { file: handler.file, exportName: handler.exportName, functionName, memoryMb },
    });
    this.#worker = worker;
    return new Promise<number>((resolve, reject) => {
      this.#rejectStart = reject;
      const fail = (message: string): void => {
        this.state = 'dead';
        void worker.terminate();
        reject(new InitError(message));
      };
      worker.once('message', (message: WorkerMessage) => {
        if (message.t === 'ready') {
          this.#tid = message.tid;
          this.initDurationMs = performance.now() - startedAt;
          this.state = 'ready';
          this.#rejectStart = undefined;
          worker.on('message', (m: WorkerMessage) => this.#settle(m));
          resolve(this.initDurationMs);
        } else {
          fail(message.t === 'init-error' ? message.message : 'the runtime sent an unexpected first message');
        }
      });
      worker.on('error', (error) => {
        if (this.state === 'initializing') fail(`${error.name}: ${error.message}`);
        else this.#die(`runtime crashed: ${error.name}: ${error.message}`);
      });
      worker.once('exit', (code) => {
        if (this.state === 'initializing') fail(`the runtime exited during init (code ${code})`);
        else this.#die(`runtime exited (code ${code})`);
      });
    });
  }

  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome> {
    const worker = this.#worker;
    if (!worker || this.state !== 'ready') return Promise.resolve({ ok: false, message: 'environment is not running' });
    const id = this.#nextId++;
    this.inFlight++;
    return new Promise<InvokeOutcome>((resolve) => {
      this.#pending.set(id, resolve);
      worker.postMessage({ id, event, deadlineMs, requestId });
    });
  }

  #settle(message: WorkerMessage): void {
    if (message.t !== undefined) return;
    const resolve = this.#pending.get(message.id);
    if (!resolve) return;
    this.#pending.delete(message.id);
    this.inFlight--;
    resolve(message);
  }

  #die(message: string): void {
    if (this.state === 'dead') return;
    const wasStopping = this.state === 'stopping';
    if (!wasStopping) this.#cpuSecondsAtExit = this.cpuSeconds();
    this.state = 'dead';
    // Stopped while still initialising: start() must not hang.
    this.#rejectStart?.(new InitError(message));
    this.#rejectStart = undefined;
    for (const resolve of this.#pending.values()) resolve({ ok: false, message });
    this.#pending.clear();
    this.inFlight = 0;
    if (!wasStopping) this.onDeath?.(this);
  }

  cpuSeconds(): number {
    const worker = this.#worker;
    if (!worker || this.state === 'dead') return this.#cpuSecondsAtExit;
    // The worker thread's own utime + stime from /proc: real CPU time, which stays honest when
    // more environments than cores compete (the event loop's busy time would count the time
    // the thread waited for a core). It cannot see the libuv thread pool, which the handlers
    // barely use. Where /proc has no such thread, the event-loop utilisation stands in.
    const threadSeconds = this.#tid === null ? undefined : threadCpuSeconds(this.#tid);
    return threadSeconds ?? worker.performance.eventLoopUtilization().active / 1000;
  }

  rssBytes(): number | undefined {
    // A worker thread shares the engine's process: its memory cannot be read apart.
    return undefined;
  }

  async stop(): Promise<void> {
    if (this.state === 'dead' || this.state === 'stopping') return;
    this.#cpuSecondsAtExit = this.cpuSeconds();
    this.state = 'stopping';
    const worker = this.#worker;
    if (worker) await worker.terminate();
    this.#die('environment stopped');
  }
}
