/**
 * An environment's handler output (stdout and stderr), as CloudWatch Logs would receive it:
 * appended to one file per environment, up to a size cap, never held in the engine's memory.
 * Writes are synchronous, so a chatty handler is slowed by the disk rather than buffered
 * without limit. Several writers (an environment's processes or worker threads, each with its
 * own descriptor) share the cap through the file's size.
 */
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';

/** Per environment. CloudWatch keeps everything; a local run needs the start and the drift. */
export const handlerLogCapBytes = 8 * 1024 * 1024;

export function capNotice(capBytes: number): string {
  return `\n[lmi-bench] this environment's log reached its cap of ${capBytes} bytes: further output is dropped\n`;
}

export class HandlerLog {
  readonly path: string;
  readonly capBytes: number;
  #fd: number | undefined;
  #capped = false;

  constructor(path: string, capBytes: number = handlerLogCapBytes) {
    this.path = path;
    this.capBytes = capBytes;
    this.#fd = openSync(path, 'a');
  }

  append(chunk: Buffer | string): void {
    const fd = this.#fd;
    if (fd === undefined || this.#capped) return;
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      if (fstatSync(fd).size + data.length > this.capBytes) {
        this.#capped = true;
        writeSync(fd, capNotice(this.capBytes));
        return;
      }
      writeSync(fd, data);
    } catch {
      // A full or vanished temp disk must not take the engine down: the output is dropped.
      this.#capped = true;
    }
  }

  close(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
