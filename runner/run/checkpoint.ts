/**
 * run.json while a bench runs: saved when the run starts (no level yet) and after every level
 * with status `running`, each save atomic and in order, so a run killed outright (kill -9, a
 * power cut) leaves a whole run.json with every level it finished. An exit that cannot wait
 * (a second Ctrl-C) saves the same levels synchronously as `interrupted`.
 */
import { join } from 'node:path';
import type { LevelResult, RunFile } from './run-file.ts';
import type { RunOutcome } from './build-run.ts';
import { writeRunFile } from './write-run.ts';
import { runFileName } from './read-run.ts';
import { removePendingTempFilesSync, writeFileAtomicSync } from '../system/write-file-atomic.ts';
import { errorMessage } from '../system/error-message.ts';

export class RunCheckpoint {
  readonly #dir: string;
  readonly #build: (outcome: RunOutcome) => RunFile;
  readonly #levelCount: number;
  readonly #onError: (message: string) => void;
  readonly #levels: LevelResult[] = [];
  #saving: Promise<void> = Promise.resolve();

  /** `build` turns an outcome into the run file (plan, machine and start time fixed by the caller). */
  constructor(options: { dir: string; levelCount: number; build: (outcome: RunOutcome) => RunFile; onError: (message: string) => void }) {
    this.#dir = options.dir;
    this.#build = options.build;
    this.#levelCount = options.levelCount;
    this.#onError = options.onError;
  }

  /** The run file as a reader would find it now. */
  #running(): RunFile {
    const done = this.#levels.length;
    return this.#build({ status: 'running', reason: `saved after ${done} of ${this.#levelCount} levels; the run had not finished`, levels: [...this.#levels] });
  }

  /** Saves the run as started, before any load: the folder is never left without a run.json. */
  start(): Promise<void> {
    return this.#enqueue(this.#running());
  }

  /** Adds a finished level and saves (in the background, in order). */
  level(level: LevelResult): void {
    this.#levels.push(level);
    void this.#enqueue(this.#running());
  }

  /** Resolves once every save asked for so far has been written (or has failed and been reported). */
  flushed(): Promise<void> {
    return this.#saving;
  }

  /**
   * For an exit that cannot wait: drops the saves in flight (their temp files) and writes the
   * finished levels as an interrupted run, synchronously.
   */
  saveInterruptedSync(reason: string): void {
    removePendingTempFilesSync();
    try {
      writeFileAtomicSync(join(this.#dir, runFileName), JSON.stringify(this.#build({ status: 'interrupted', reason, levels: [...this.#levels] }), null, 2) + '\n');
    } catch (error) {
      // The last completed save (status running) stays: still whole, still truthful.
      this.#onError(errorMessage(error));
    }
  }

  #enqueue(run: RunFile): Promise<void> {
    this.#saving = this.#saving.then(
      () => writeRunFile(this.#dir, run).then(() => undefined),
    ).catch((error: unknown) => {
      // The run goes on; the final write reports the problem if it persists.
      this.#onError(errorMessage(error));
    });
    return this.#saving;
  }
}
