/**
 * The engine's end of one serving thread's channel in a Node.js environment process: a socket
 * pair passed to the process as a file descriptor, one JSON object per line each way (the
 * protocol is in runtimes/node-serve.mjs).
 *
 * Built for throughput, as every request of a benchmark crosses it twice. The profile of last
 * round's worker-thread environments showed postMessage as half the engine's main thread in
 * standard mode (a structured clone and a wake-up of the worker per request). Here, on a
 * channel that takes concurrent invocations (LMI), the lines written in one turn of the event
 * loop go out as one write (setImmediate runs after the poll phase has delivered every request
 * that arrived), and the serving thread answers the same way; a standard Lambda environment
 * runs one invocation at a time, so its line is written at once (a turn can never hold two).
 * A line is parsed once with JSON.parse, which V8 does faster than a structured clone.
 * A handler's own output never shares the channel: it goes to fds 1 and 2, the environment's log.
 */
import type { Socket } from 'node:net';
import { protocolLineReader } from './line-reader.ts';
import type { InvocationUsage } from './protocol.ts';

/** What the serving thread sends back. */
export type ThreadMessage =
  | { t: 'ready'; initMs: number }
  | { t: 'init-error'; message: string }
  | { t?: undefined; id: number; ok: true; result: unknown; usage?: InvocationUsage; rssBytes?: number }
  | { t?: undefined; id: number; ok: false; message: string; errorType?: string; usage?: InvocationUsage; rssBytes?: number };

export interface InvocationLine {
  id: number;
  event: unknown;
  deadlineMs: number;
  requestId: string;
}

export class NodeChannel {
  /** Invocations sent on this channel and not yet answered. */
  inFlight = 0;
  readonly #socket: Socket;
  readonly #batched: boolean;
  #outbox: string[] = [];
  readonly #flush = (): void => {
    const lines = this.#outbox;
    this.#outbox = [];
    if (lines.length > 0 && this.#socket.writable) this.#socket.write(lines.length === 1 ? (lines[0] as string) : lines.join(''));
  };

  /**
   * `maxLineBytes`: a longer line can only be something other than the bootstrap writing (it
   * refuses oversized results itself); `onBroken` then ends the environment. `batched`: the
   * thread takes concurrent invocations, whose lines are worth gathering per turn.
   */
  constructor(socket: Socket, maxLineBytes: number, batched: boolean, onMessage: (message: ThreadMessage) => void, onBroken: (reason: string) => void) {
    this.#socket = socket;
    this.#batched = batched;
    // A dead process's socket fails (EPIPE, ECONNRESET); its exit is what reports it.
    socket.on('error', () => undefined);
    const reader = protocolLineReader(maxLineBytes, onMessage, onBroken);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
  }

  send(invocation: InvocationLine): void {
    const line = JSON.stringify(invocation) + '\n';
    if (!this.#batched) {
      if (this.#socket.writable) this.#socket.write(line);
    } else if (this.#outbox.push(line) === 1) setImmediate(this.#flush);
  }

  close(): void {
    this.#outbox = [];
    this.#socket.destroy();
  }
}
