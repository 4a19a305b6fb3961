/**
 * Starts the local engine as its own process (`node bin/lmi-bench.mjs engine`), never inside
 * the load generator's process, and stops it without leaving a process or worker behind.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineReady } from '../../engine/protocol.ts';
import { EngineClient } from './engine-client.ts';
import { constants as osConstants } from 'node:os';

const cliPath = fileURLToPath(new URL('../../../bin/lmi-bench.mjs', import.meta.url));
const readyTimeoutMs = 30_000;
const stopGraceMs = 5_000;

/**
 * V8 runs garbage collection on the isolate's own thread, not on helper threads shared by every
 * worker of the process. The environments' CPU time then includes that work (on AWS it comes out
 * of the function's own vCPU share too), and a worker never sits off the CPU waiting for a shared
 * GC helper that other environments keep busy, which the duration model would read as the
 * handler's own off-CPU wait. (Compilation stays concurrent: the thread never waits for it, and
 * moving it onto the thread would slow every worker's start, which is billed as INIT.)
 */
export const engineNodeFlags = ['--single-threaded-gc'];

/** Set for engines started here: the engine exits when its stdin closes (its parent died). */
export const exitWithParentVariable = 'LMI_BENCH_ENGINE_EXIT_ON_STDIN_EOF';

export interface EngineHandle {
  controlUrl: string;
  /** The control API's token (the client sends it); for callers that speak the API directly. */
  token: string;
  pid: number;
  client: EngineClient;
  /** How the engine ended when nobody asked it to (its last stderr line included); null while it runs or after stop(). */
  exitReason(): string | null;
  stop(): Promise<void>;
}

/**
 * `npm run bench --workload io-bound` hands the bench its flags as npm_config_* variables; the
 * engine is not run by npm and takes its settings from its arguments, so it must not read them
 * as its own (its `engine` command has a --workload flag too).
 */
function withoutNpmFlags(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'npm_lifecycle_event' && !name.startsWith('npm_config_')));
}

/** An engine started ahead of its first use, owned by whoever started it. */
export interface EngineAhead {
  /** The engine once ready; a failed start rejects here, for the user that awaits it to report. */
  handle: Promise<EngineHandle>;
  /** Ends the engine whether or not anyone used it (after a failed start, nothing to end); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the engine now and leaves the waiting to its user: a command starts it before loading
 * its own pipeline, so the engine's start-up (its own module loading, most of a second) runs
 * beside the command's on the other core instead of after it (the safety command).
 */
export function startEngineAhead(): EngineAhead {
  const handle = startEngine();
  // A rejection is reported where `handle` is awaited; never an unhandled rejection meanwhile.
  const settled = handle.catch(() => undefined);
  return { handle, stop: async () => (await settled)?.stop() };
}

export function startEngine(options: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<EngineHandle> {
  const child = spawn(process.execPath, [...engineNodeFlags, cliPath, 'engine', ...(options.args ?? [])], {
    env: { ...withoutNpmFlags(options.env ?? process.env), [exitWithParentVariable]: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopRequested = false;
  let exitReason: string | null = null;
  child.once('exit', (code, signal) => {
    if (stopRequested) return;
    // Killed by a signal, the engine said nothing: its last stderr line is only its start banner.
    // An exit code comes with the engine's own last line, which says why.
    if (signal !== null) {
      exitReason = `the local engine died (signal ${osConstants.signals[signal] ?? signal})`;
      return;
    }
    const last = stderr.trim().split('\n').at(-1);
    exitReason = `the local engine exited unexpectedly (exit code ${code})${last ? `: ${last}` : ''}`;
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // Keep the tail for error messages; the engine's stderr is otherwise not needed.
    stderr = (stderr + chunk).slice(-4000);
  });

  return new Promise<EngineHandle>((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const timer = setTimeout(() => fail(`the local engine did not report ready within ${readyTimeoutMs / 1000} s`), readyTimeoutMs);
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      const detail = stderr.trim().split('\n').at(-1);
      reject(new Error(detail ? `${message}: ${detail}` : message));
    };
    child.once('error', (error) => fail(`cannot start the local engine: ${error.message}`));
    child.once('exit', (code, signal) => fail(`the local engine exited before it was ready (${signal ?? `code ${code}`})`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (settled) return; // Handler output after the ready line is drained and dropped.
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      let ready: EngineReady;
      try {
        ready = JSON.parse(buffered.slice(0, newline)) as EngineReady;
      } catch {
        return fail('the local engine wrote something other than its ready line');
      }
      if (typeof ready.token !== 'string' || ready.token === '') return fail("the local engine's ready line has no control token");
      settled = true;
      clearTimeout(timer);
      const client = new EngineClient(ready.controlUrl, ready.token);
      let stopping: Promise<void> | undefined;
      resolve({
        controlUrl: ready.controlUrl,
        token: ready.token,
        pid: ready.pid,
        client,
        exitReason: () => exitReason,
        stop: () => {
          stopRequested = true;
          return (stopping ??= stopChild(client));
        },
      });
    });

    const stopChild = async (client: EngineClient): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await client.shutdown().catch(() => child.kill('SIGTERM'));
      const grace = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(grace);
    };
  });
}
