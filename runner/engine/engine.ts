/**
 * The engine: the functions deployed on it, their front doors and the MetricsStore that
 * records what they did. Records outlive a removed function, so metrics can still be pulled.
 */
import { relative } from 'node:path';
import { UsageError } from '../errors.ts';
import { InitError } from './environment.ts';
import { startFrontDoor, type FrontDoor } from './front-door.ts';
import type { FunctionRuntime } from './function-runtime.ts';
import { LmiFunction } from './lmi-function.ts';
import { MetricsStore } from './metrics-store.ts';
import { CloudWatchQueryThread } from './cloudwatch/query-thread.ts';
import type { DeployedFunction, FunctionState, WindowStats } from './protocol.ts';
import { validateFunctionSpec } from './spec.ts';
import { StandardFunction } from './standard-function.ts';
import { removeEngineTempRoot, removeStaleEngineTempFolders } from './temp-folders.ts';
import { windowStats } from './window-stats.ts';
import type { CatalogEntry } from './lambda-api/configuration.ts';
import { launchers } from './launchers.ts';
import { isCodeRuntime } from '../workload/runtime-api-code.ts';
import { tmpIsolationNote } from './tmp-dir.ts';

/** The function does not exist (the control server answers 404). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

interface Deployed {
  runtime: FunctionRuntime;
  door: FrontDoor;
  /** What the Lambda API reports of the function (lambda-api/). */
  entry: CatalogEntry;
}

export class Engine {
  readonly store = new MetricsStore();
  /** GetMetricData, answered from a replica of the store on a thread of its own. */
  readonly cloudWatch = new CloudWatchQueryThread(this.store);
  readonly #functions = new Map<string, Deployed>();
  /** Functions whose deploy has not answered yet, with their runtime once it exists. */
  readonly #deploying = new Map<string, FunctionRuntime | undefined>();
  #shuttingDown = false;

  /**
   * One engine per process: the engine's temp folders are process-wide (temp-folders.ts). The
   * folders of engines that died without cleaning up (kill -9) are removed here.
   */
  constructor() {
    removeStaleEngineTempFolders();
    // Started with the engine, so its replica follows the store from the first record instead
    // of copying a large store in one go when the first metrics are pulled.
    this.cloudWatch.start();
  }

  async deploy(raw: unknown): Promise<DeployedFunction> {
    const validated = validateFunctionSpec(raw);
    const { name } = validated.spec;
    if (this.#shuttingDown) throw new Error('the engine is shutting down');
    if (this.#functions.has(name) || this.#deploying.has(name)) throw new UsageError(`function '${name}' already exists`);
    this.#deploying.set(name, undefined);
    try {
      const runtime = validated.spec.compute.type === 'lmi' ? new LmiFunction(validated, this.store) : new StandardFunction(validated, this.store);
      this.#deploying.set(name, runtime);
      try {
        await runtime.start();
      } catch (error) {
        if (error instanceof InitError) throw new UsageError(`handler init failed: ${firstLine(error.message)}`);
        throw error;
      }
      let door: FrontDoor;
      try {
        door = await startFrontDoor(runtime, this.store);
      } catch (error) {
        await runtime.stop();
        throw error;
      }
      const { spec, handler } = validated;
      const entry: CatalogEntry = {
        spec,
        // Lambda's handler string: the module path relative to the package, then the export.
        handler: isCodeRuntime(spec.runtime) ? handler.exportName : `${relative(spec.workloadDir, handler.file).replace(/\.[^./]+$/, '')}.${handler.exportName}`,
        deployedAtMs: Date.now(),
        runtimeId: await launchers[spec.runtime].runtimeId(),
        architecture: spec.architecture ?? 'x86_64',
      };
      if (this.#shuttingDown) {
        await door.close();
        await runtime.stop();
        throw new Error('the engine is shutting down');
      }
      this.#functions.set(name, { runtime, door, entry });
      return { name, url: door.url, compute: validated.spec.compute, environments: runtime.environments().length, tmpIsolation: tmpIsolationNote(spec.runtime) };
    } finally {
      this.#deploying.delete(name);
    }
  }

  #get(name: string): Deployed {
    const deployed = this.#functions.get(name);
    if (!deployed) throw new NotFoundError(`no function named '${name}'`);
    return deployed;
  }

  /** The deployed functions as the Lambda API lists them. */
  catalog(): CatalogEntry[] {
    return [...this.#functions.values()].map((deployed) => deployed.entry);
  }

  state(name: string): FunctionState {
    const { runtime } = this.#get(name);
    return { name, compute: runtime.spec.compute, environments: runtime.info(), timeline: this.store.capacity(name, 0, Number.MAX_SAFE_INTEGER) };
  }

  stats(name: string, startMs: number, endMs: number): WindowStats {
    if (!this.#functions.has(name) && !this.store.functionNames().includes(name)) throw new NotFoundError(`no function named '${name}'`);
    return windowStats(this.store, name, startMs, endMs);
  }

  async remove(name: string): Promise<void> {
    const { runtime, door } = this.#get(name);
    this.#functions.delete(name);
    await door.close();
    await runtime.stop();
  }

  /**
   * Stops every function, its environments and their processes, those of functions still
   * deploying included (their environments may be starting), then removes the engine's temp
   * folders.
   */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true;
    const names = [...this.#functions.keys()];
    const deploying = [...this.#deploying.values()].filter((runtime): runtime is FunctionRuntime => runtime !== undefined);
    await Promise.all([...names.map((name) => this.remove(name)), ...deploying.map((runtime) => runtime.stop())]);
    await this.cloudWatch.close();
    removeEngineTempRoot();
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
