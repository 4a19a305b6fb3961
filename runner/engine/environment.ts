/**
 * One execution environment: a real runtime (a worker thread for Node.js, python3 processes
 * for Python) with the workload's handler module imported once. The pools decide how many
 * invocations an environment takes at once (`slots`); the environment only runs them.
 */
import type { Runtime } from '../runtimes/registry.ts';
import type { ResolvedHandler } from '../workload/load.ts';
import type { InvocationUsage } from './protocol.ts';
import { HandlerLog } from './handler-log.ts';
import { environmentLogPath } from './temp-folders.ts';
import { createTmpDir } from './tmp-dir.ts';
import { initTimeoutMessage, type InitLimit } from './init-limit.ts';

/**
 * `errorType` names a failure the runtime or the engine diagnosed (Runtime.OutOfMemory,
 * RequestEntityTooLarge...); a handler's own exception has none. `usage` is present when the invocation ran alone on its thread or process (see protocol.ts). */
export type InvokeOutcome = ({ ok: true; result: unknown } | { ok: false; message: string; errorType?: string }) & { usage?: InvocationUsage };

export type EnvironmentState = 'initializing' | 'ready' | 'stopping' | 'dead';

/** The handler failed to import or initialise: the message is the handler's error. */
export class InitError extends Error {
  override readonly name = 'InitError';
}

/** Init ran past its limit (standard Lambda then retries it inside the invocation: cold-start.ts). */
export class InitTimeoutError extends InitError {}

export interface Environment {
  readonly id: string;
  readonly runtime: Runtime;
  /** Invocations this environment may run at once (1 for standard Lambda). */
  readonly slots: number;
  /** Emulated instance it is placed on (LMI), or 'standard'. */
  readonly instanceId: string;
  readonly startedAtMs: number;
  readonly state: EnvironmentState;
  /** Invocations dispatched and not yet settled by the handler (timed-out ones included). */
  readonly inFlight: number;
  /** Start plus handler-module init, set once start() resolved. */
  readonly initDurationMs: number | undefined;
  /** Starts the runtime and imports the handler; resolves with the init duration in ms. */
  start(): Promise<number>;
  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome>;
  /** Cumulative CPU time the environment has used, in seconds. */
  cpuSeconds(): number;
  /** Resident memory in bytes where it can be told apart from the engine's own (processes). */
  rssBytes(): number | undefined;
  /** The file the handler's stdout and stderr go to (see handler-log.ts), once started. */
  readonly logPath: string | undefined;
  /** Stops the runtime; pending invocations settle with an error. Idempotent. */
  stop(): Promise<void>;
  /** Called once if the runtime dies on its own (a crash), so the pool can drop it. */
  onDeath: ((environment: Environment, reason: string) => void) | undefined;
}

export interface EnvironmentOptions {
  id: string;
  handler: ResolvedHandler;
  functionName: string;
  memoryMb: number;
  slots: number;
  instanceId: string;
  /** The function's code folder: stays reachable as it is when it lies under /tmp (tests). */
  codeDir: string;
  /** Node.js worker threads of the environment (LMI: one per vCPU); 1 when absent. */
  threads?: number;
  /** Opt-in safety recording (FunctionSpec.safetyRecordDir). */
  safetyRecordDir?: string | undefined;
  /** How long init may run (see init-limit.ts). */
  initLimit: InitLimit;
}

/** The bookkeeping every runtime's environment shares; subclasses run the runtime itself. */
export abstract class EnvironmentBase implements Environment {
  abstract readonly runtime: Runtime;
  readonly id: string;
  readonly slots: number;
  readonly instanceId: string;
  readonly startedAtMs = Date.now();
  state: EnvironmentState = 'initializing';
  inFlight = 0;
  initDurationMs: number | undefined;
  onDeath: ((environment: Environment, reason: string) => void) | undefined;

  protected readonly options: EnvironmentOptions;

  constructor(options: EnvironmentOptions) {
    this.options = options;
    this.id = options.id;
    this.slots = options.slots;
    this.instanceId = options.instanceId;
  }

  /** The environment's own /tmp, shared by its threads or processes, once started. */
  protected tmpFolder: string | undefined;
  /** Where the handler's stdout and stderr go, once started. */
  protected handlerLog: HandlerLog | undefined;

  get logPath(): string | undefined {
    return this.handlerLog?.path;
  }

  /**
   * Starts the environment's `count` threads or processes on one /tmp and one log. If one fails
   * to start, or the environment is stopped meanwhile, the rest are stopped and InitError thrown.
   * Resolves with the init duration in ms.
   */
  protected async startUnits(count: number, startUnit: (tmpDir: string, log: HandlerLog) => Promise<void>): Promise<number> {
    const startedAt = performance.now();
    const tmpDir = await createTmpDir(this.id);
    this.tmpFolder = tmpDir;
    const log = new HandlerLog(environmentLogPath(this.id));
    this.handlerLog = log;
    const started = Promise.allSettled(Array.from({ length: count }, () => startUnit(tmpDir, log)));
    // An init that never ends (an endless loop at the module's top level) fails at its limit;
    // stop() then ends the threads or processes still in it.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.initLimit.limitMs)));
    const results = await Promise.race([started, timedOut]).finally(() => clearTimeout(timer));
    const failure = results === 'timeout' ? { reason: new InitTimeoutError(initTimeoutMessage(this.options.initLimit)) } : results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure || this.state !== 'initializing') {
      await this.stop();
      this.state = 'dead';
      const reason: unknown = failure?.reason;
      throw reason instanceof InitError ? reason : new InitError(reason === undefined ? 'environment stopped during init' : String(reason));
    }
    this.initDurationMs = performance.now() - startedAt;
    this.state = 'ready';
    return this.initDurationMs;
  }

  abstract start(): Promise<number>;
  abstract invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome>;
  abstract cpuSeconds(): number;
  abstract rssBytes(): number | undefined;
  abstract stop(): Promise<void>;
}
