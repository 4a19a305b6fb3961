/**
 * A Node.js execution environment: worker threads with the handler module imported once per
 * thread, as AWS runs Node.js on LMI (one worker thread per vCPU of the environment;
 * AWS_LAMBDA_NODEJS_WORKER_COUNT overrides it). Concurrent invocations on one thread share its
 * event loop and module state; a synchronous handler therefore serves one request at a time
 * per thread. Standard Lambda: one thread. The threads share the environment's /tmp folder,
 * and its log: the handler's stdout and stderr go to the environment's log file (each thread
 * writes it itself, see handler-log.ts), never through the engine's own stdout.
 *
 * Memory: threads share the engine's process, so their resident memory cannot be read apart.
 * An environment's memory is measured as V8 sees each of its threads (heap used + external
 * memory such as Buffers, which are per isolate), reported by the bootstrap with every result
 * and every 250 ms, summed over the threads. Over the function's memory, the environment is
 * killed as Lambda kills one (Runtime.OutOfMemory), the invocation that crossed the line
 * included. Each thread's old-generation heap is also capped (resourceLimits) at its share of
 * the memory, so a runaway heap ends in V8's own out-of-memory, reported the same way.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { threadCpuSeconds } from './proc-stats.ts';
import { EnvironmentBase, InitError, type InvokeOutcome } from './environment.ts';
import { HandlerLog } from './handler-log.ts';
import { ChildGroups } from './child-groups.ts';
import { removeTmpDir } from './tmp-dir.ts';
import { exitErrorType, memoryLimitBytes, outOfMemoryErrorType, outOfMemoryMessage } from './runtime-exit.ts';

const bootstrapUrl = new URL('./runtimes/node-bootstrap.mjs', import.meta.url);

type WorkerMessage =
  | { t: 'ready'; initMs: number; tid: number | null }
  | { t: 'init-error'; message: string }
  | { t: 'memory'; bytes: number }
  | ({ id: number; t?: undefined; memoryBytes?: number } & InvokeOutcome);

/** One worker thread of the environment. */
interface Thread {
  worker: Worker;
  /** Linux thread id of the worker, when /proc can tell its CPU time apart. */
  tid: number | null;
  /** Invocations dispatched to this thread and not yet settled. */
  inFlight: number;
  /** The last CPU time read, which stands once the thread is gone. */
  lastCpuSeconds: number;
  /** V8 heap used + external memory, as the thread last reported it. */
  memoryBytes: number;
  /** Invocations dispatched in this turn of the event loop, posted together at its end. */
  outbox: InvocationMessage[];
}

interface InvocationMessage {
  id: number;
  event: unknown;
  deadlineMs: number;
  requestId: string;
}

export class NodeEnvironment extends EnvironmentBase {
  readonly runtime = 'node' as const;
  readonly #pending = new Map<number, { thread: Thread; requestId: string; resolve: (outcome: InvokeOutcome) => void }>();
  readonly #threads: Thread[] = [];
  #nextId = 0;
  #cpuSecondsOfExited = 0;
  /** Process groups the handler started: they end with the environment (see child-groups.ts). */
  readonly #childGroups = new ChildGroups();

  /** The file the environment's handler output goes to. */

  /** Worker threads of the environment (1 for standard Lambda). */
  get threadCount(): number {
    return this.options.threads ?? 1;
  }

  start(): Promise<number> {
    return this.startUnits(this.threadCount, (tmpDir, log) => this.#startThread(tmpDir, log));
  }

  #startThread(tmpDir: string, log: HandlerLog): Promise<void> {
    const { handler, functionName, memoryMb, codeDir, safetyRecordDir } = this.options;
    const worker = new Worker(bootstrapUrl, {
      workerData: { file: handler.file, exportName: handler.exportName, functionName, memoryMb, tmpDir, codeDir, safetyRecordDir, logPath: log.path, logCapBytes: log.capBytes, childGroups: this.#childGroups.buffer },
      // os.tmpdir() answers '/tmp' as on AWS; the bootstrap maps /tmp to the environment's folder.
      env: { ...process.env, TMPDIR: '/tmp' },
      // Each thread's share of the function's memory bounds its heap (see the header).
      resourceLimits: { maxOldGenerationSizeMb: Math.max(16, Math.floor(memoryMb / this.threadCount)) },
      // Not piped to the engine's stdout: the bootstrap writes the log itself, and what still
      // reaches these streams (output before the bootstrap took them over) is appended here.
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr] as Readable[]) stream.on('data', (chunk: Buffer) => log.append(chunk));
    const thread: Thread = { worker, tid: null, inFlight: 0, lastCpuSeconds: 0, memoryBytes: 0, outbox: [] };
    this.#threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      let starting = true;
      const fail = (message: string): void => {
        starting = false;
        void worker.terminate();
        reject(new InitError(message));
      };
      worker.once('message', (message: WorkerMessage) => {
        if (message.t === 'ready') {
          starting = false;
          thread.tid = message.tid;
          worker.on('message', (m: WorkerMessage) => this.#settle(thread, m));
          resolve();
        } else {
          fail(message.t === 'init-error' ? message.message : 'the runtime sent an unexpected first message');
        }
      });
      worker.on('error', (error) => {
        if (starting) fail(`${error.name}: ${error.message}`);
        else if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') this.#die(undefined, outOfMemoryErrorType);
        else this.#die(`runtime crashed: ${error.name}: ${error.message}`, exitErrorType);
      });
      worker.once('exit', (code) => {
        if (starting) fail(`the runtime exited during init (code ${code})`);
        else this.#die(`Runtime exited with error: exit status ${code}`, exitErrorType);
      });
    });
  }

  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome> {
    if (this.state !== 'ready') return Promise.resolve({ ok: false, message: 'environment is not running' });
    // The least busy thread takes it, as the runtime's dispatcher spreads work over its workers.
    let thread = this.#threads[0] as Thread;
    for (const candidate of this.#threads) if (candidate.inFlight < thread.inFlight) thread = candidate;
    const id = this.#nextId++;
    this.inFlight++;
    thread.inFlight++;
    return new Promise<InvokeOutcome>((resolve) => {
      this.#pending.set(id, { thread, requestId, resolve });
      // One postMessage per thread and turn of the event loop, not one per request: each post
      // costs the front door's thread a serialisation and a wake-up of the worker (the profile
      // of a loaded LMI function showed postMessage as the front door's largest cost).
      if (thread.outbox.push({ id, event, deadlineMs, requestId }) === 1) setImmediate(() => this.#post(thread));
    });
  }

  #post(thread: Thread): void {
    const batch = thread.outbox;
    thread.outbox = [];
    // Stopped or dead meanwhile: #die has already answered every pending invocation.
    if (this.state !== 'ready' || batch.length === 0) return;
    try {
      thread.worker.postMessage(batch.length === 1 ? batch[0] : { t: 'batch', invocations: batch });
    } catch {
      // An event structured clone cannot copy fails alone, not its batch.
      for (const one of batch) {
        try {
          thread.worker.postMessage(one);
        } catch (error) {
          this.#fail(one.id, `the event cannot be sent to the runtime: ${(error as Error).message}`);
        }
      }
    }
  }

  #fail(id: number, message: string): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    this.inFlight--;
    pending.thread.inFlight--;
    pending.resolve({ ok: false, message });
  }

  #settle(thread: Thread, message: WorkerMessage): void {
    if (message.t === 'memory') {
      thread.memoryBytes = message.bytes;
      if (this.#overMemory()) this.#die(undefined, outOfMemoryErrorType);
      return;
    }
    if (message.t !== undefined) return;
    if (message.memoryBytes !== undefined) thread.memoryBytes = message.memoryBytes;
    // The invocation that took the environment over its memory fails with it, as on Lambda.
    if (this.#overMemory()) return this.#die(undefined, outOfMemoryErrorType);
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    this.inFlight--;
    pending.thread.inFlight--;
    const { id: _id, t: _t, memoryBytes: _memoryBytes, ...outcome } = message;
    pending.resolve(outcome);
  }

  #overMemory(): boolean {
    let total = 0;
    for (const thread of this.#threads) total += thread.memoryBytes;
    return total > memoryLimitBytes(this.options.memoryMb);
  }

  /**
   * Ends the environment; its pending invocations fail with `message`, or, for an
   * out-of-memory kill (message undefined), with Lambda's wording naming each request.
   */
  #die(message: string | undefined, errorType?: string): void {
    if (this.state === 'dead') return;
    const wasStopping = this.state === 'stopping';
    if (!wasStopping) this.#cpuSecondsOfExited = this.cpuSeconds();
    this.state = 'dead';
    for (const { resolve, requestId } of this.#pending.values()) {
      const outcome: InvokeOutcome = { ok: false, message: message ?? outOfMemoryMessage(requestId) };
      if (errorType !== undefined && !wasStopping) outcome.errorType = errorType;
      resolve(outcome);
    }
    this.#pending.clear();
    this.inFlight = 0;
    // One thread dying breaks the environment: the pool replaces it as a whole.
    this.#childGroups.killAll();
    // Once no thread runs, none can start another process: what is left is killed for good.
    void Promise.all(this.#threads.map((thread) => thread.worker.terminate())).finally(() => this.#childGroups.release());
    void removeTmpDir(this.tmpFolder);
    this.handlerLog?.close();
    if (!wasStopping) this.onDeath?.(this, message ?? outOfMemoryMessage(undefined));
  }

  cpuSeconds(): number {
    if (this.state === 'dead') return this.#cpuSecondsOfExited;
    // Each worker thread's own utime + stime from /proc: real CPU time, which stays honest
    // when more environments than cores compete (the event loop's busy time would count the
    // time a thread waited for a core). It cannot see the libuv thread pool, which the
    // handlers barely use. Where /proc has no such thread, the event-loop utilisation stands in.
    let total = 0;
    for (const thread of this.#threads) {
      if (thread.tid === null) {
        total += thread.worker.performance.eventLoopUtilization().active / 1000;
        continue;
      }
      thread.lastCpuSeconds = threadCpuSeconds(thread.tid) ?? thread.lastCpuSeconds;
      total += thread.lastCpuSeconds;
    }
    return total;
  }

  rssBytes(): number | undefined {
    // Worker threads share the engine's process: their memory cannot be read apart.
    return undefined;
  }

  async stop(): Promise<void> {
    if (this.state === 'dead' || this.state === 'stopping') return;
    this.#cpuSecondsOfExited = this.cpuSeconds();
    this.state = 'stopping';
    await Promise.all(this.#threads.map((thread) => thread.worker.terminate()));
    this.#childGroups.killAll();
    await removeTmpDir(this.tmpFolder);
    this.#die('environment stopped');
  }
}
