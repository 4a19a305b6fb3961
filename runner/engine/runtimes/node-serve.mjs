// One serving thread of a Node.js environment: imports the handler module once and runs the
// invocations the engine sends on this thread's own channel, a socket the engine passed to the
// environment's process as a file descriptor (see ../node-channel.ts for the framing). The
// environment's main thread runs this for standard Lambda; on LMI each worker thread does (see
// node-bootstrap.mjs). Plain .mjs on purpose: loading tsx into every environment would cost
// ~10 MB and tens of milliseconds of init that a real Lambda runtime does not have.
//
// Protocol, one JSON object per line:
//   in  { id, event, deadlineMs, requestId }                     one invocation
//   out { t: 'ready', initMs } | { t: 'init-error', message }    once, after the import
//   out { id, ok: true, result, usage?, rssBytes? } | { id, ok: false, message, errorType?, usage?, rssBytes? }
//       usage: { wallMs, cpuMs, runQueueMs } of this thread when no other invocation overlapped
//       it here (see ../protocol.ts); rssBytes: the process's resident memory, sent when this
//       thread's V8 heap and external memory grew since the last reading (see memoryReport).
// Lines written in one turn of the event loop go out as one write, and the engine batches its
// own the same way: under load one system call carries many invocations.
import { openSync, readSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { installTmpMapping } from './tmp-mapping.mjs';
import { loadHandlerModule, moduleTypeHint } from './node-module-type.mjs';

/** A thread's V8 heap + external memory may grow this much before the process RSS is read again. */
const memoryReadStepBytes = 1024 * 1024;

function errorMessage(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Writes `data` to `fd` until done or a write fails; how far it got, and the failure if any. */
function writeAllSync(fd, data) {
  let offset = 0;
  try {
    while (offset < data.length) offset += writeSync(fd, data, offset);
    return { offset };
  } catch (error) {
    return { offset, error };
  }
}

/**
 * Lines out, one write per turn of the event loop, written straight to the descriptor
 * (writeSync on the non-blocking socket): no stream machinery per result, which in an
 * environment that serves a few requests a second is interpreted code run on a cold cache.
 * What the socket cannot take at once (EAGAIN) goes through the socket's own buffer, and so
 * does everything after it until that buffer has drained, so lines keep their order.
 */
function lineWriter(socket, fd) {
  let outbox = [];
  const write = (text) => {
    if (socket.writableLength > 0) return socket.write(text);
    const data = Buffer.from(text, 'utf8');
    const written = writeAllSync(fd, data);
    if (written.error === undefined) return;
    if (written.error.code !== 'EAGAIN') return; // the engine is gone: the socket's close ends us
    socket.write(data.subarray(written.offset));
  };
  const flush = () => {
    const text = outbox.length === 1 ? outbox[0] : outbox.join('');
    outbox = [];
    write(text);
  };
  return (line) => {
    if (outbox.push(line) === 1) setImmediate(flush);
  };
}

/**
 * The socket's bytes as lines, read into one reused buffer (the socket's onread option: no
 * stream machinery per chunk); each line is handed to onLine as it completes.
 */
function lineReader(onLine) {
  let parts = [];
  return {
    buffer: Buffer.allocUnsafe(64 * 1024),
    /** Returns how many lines the chunk completed. */
    callback(length, buffer) {
      let start = 0;
      for (let lines = 0; ; lines++) {
        const newline = buffer.indexOf(10, start);
        if (newline === -1 || newline >= length) {
          // The buffer is reused for the next read: what is kept is copied.
          if (start < length) parts.push(Buffer.from(buffer.subarray(start, length)));
          return lines;
        }
        if (parts.length === 0) {
          onLine(buffer.toString('utf8', start, newline));
        } else {
          parts.push(buffer.subarray(start, newline));
          onLine(Buffer.concat(parts).toString('utf8'));
          parts = [];
        }
        start = newline + 1;
      }
    },
  };
}

/**
 * This thread's schedstat, opened once: /proc regenerates a file's text on every read at offset 0,
 * so a pread of the open descriptor is one syscall per sample. Opened from this thread, so
 * /proc/thread-self names it for as long as it lives.
 */
function schedstatReader() {
  let fd = null;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return () => null;
  }
  const buffer = Buffer.alloc(96);
  return () => {
    try {
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      const text = buffer.toString('latin1', 0, length);
      const space = text.indexOf(' ');
      return [Number(text.slice(0, space)), Number(text.slice(space + 1, text.indexOf(' ', space + 1)))];
    } catch {
      return null;
    }
  };
}

/**
 * The process's RSS when this thread's V8 heap + external memory moved by over a step since the
 * last reading, else undefined: a handler that allocates is seen at the result that allocated,
 * and a steady one costs no /proc read per invocation. The engine also watches the process.
 */
function memoryReport() {
  let lastHeldBytes = -Infinity;
  return () => {
    const heap = getHeapStatistics();
    const held = heap.used_heap_size + heap.external_memory;
    if (Math.abs(held - lastHeldBytes) < memoryReadStepBytes) return undefined;
    lastHeldBytes = held;
    return process.memoryUsage.rss();
  };
}

class Context {
  constructor(config, requestId, deadlineMs) {
    this.awsRequestId = requestId;
    this.functionName = config.functionName;
    this.functionVersion = '$LATEST';
    this.memoryLimitInMB = String(config.memoryMb);
    this.invokedFunctionArn = `arn:aws:lambda:local:000000000000:function:${config.functionName}`;
    this.callbackWaitsForEmptyEventLoop = false;
    this.deadlineMs = deadlineMs;
  }
  getRemainingTimeInMillis() {
    return Math.max(0, Math.round(this.deadlineMs - Date.now()));
  }
}

/** Imports the handler as Lambda does; returns it, or the init error's message. */
async function loadHandler(config) {
  const { file, exportName, codeDir, safety } = config;
  // `lmi-bench safety` only: records what each invocation touches (safety-node.mjs), into a file
  // the engine opened for this thread (the record folder may be out of this environment's reach).
  const instrument = safety ? (await import('./safety-node.mjs')).install(safety) : undefined;
  // Without namespaces, /tmp is a path mapping of this thread's fs API; before the handler
  // module loads, as its init may write /tmp too.
  if (config.tmpMapping) installTmpMapping({ tmpDir: config.tmpMapping, keep: [codeDir] });
  try {
    // A .ts handler runs on the local engine only (the registry's localOnlyExtensions), through
    // tsx, which resolves whatever import style a user's code has (lmi-bench's own TypeScript
    // needs less: runner/system/typescript-hooks.mjs); a JavaScript handler never pays for it.
    if (file.endsWith('.ts')) (await import('tsx/esm/api')).register();
    // As Lambda loads it: the module type comes from the code root, never from a folder above it.
    const mod = await loadHandlerModule(file, codeDir);
    const handler = mod[exportName] ?? mod.default?.[exportName];
    if (typeof handler !== 'function') throw new Error(`${file} does not export a function named '${exportName}'`);
    return { handler: instrument ? instrument(handler) : handler };
  } catch (error) {
    return { message: moduleTypeHint(error, file, codeDir) ?? errorMessage(error) };
  }
}

/**
 * The channel as an event-loop stream (LMI's threads, which take concurrent invocations): lines
 * are read whenever they arrive and written one batch per turn of the loop.
 */
function streamChannel(config, reader) {
  const socket = new Socket({ fd: config.fd, readable: true, writable: true, onread: reader });
  // The engine gone (or this environment retired): nothing more can arrive or be answered.
  socket.on('error', () => undefined);
  socket.on('close', config.onClose);
  return { send: lineWriter(socket, config.fd), idle: () => undefined };
}

/**
 * The channel of a standard Lambda environment, which runs exactly one invocation at a time and
 * which AWS freezes between invocations: once the last invocation has answered and the event
 * loop has had one more turn (timers that came due, I/O callbacks), the thread waits in a
 * blocking read of the descriptor for the next one, as a frozen environment waits: the
 * handler's own timers do not run between invocations (on AWS neither), and during an
 * invocation everything runs as usual. Each invocation costs the process one read and one
 * write, with no poll of the loop to be woken, no stream machinery and no batching turn: under
 * load, 64 such processes on a few cores are each woken once per request, and what one wake-up
 * runs is what the cores pay 64 times over.
 * The engine's end of the socket pair is non-blocking, the environment's is not (libuv sets
 * O_NONBLOCK only on the parent's end); should it ever be, the first read says EAGAIN and the
 * channel becomes the event-loop stream above.
 */
function blockingChannel(config, reader) {
  const { fd } = config;
  // While an invocation awaits something no handle holds (a promise never settled), the loop
  // would empty and the process exit: the socket's handle prevented it; this timer does now.
  setInterval(() => undefined, 2 ** 31 - 1);
  let stream;
  let waiting = false;
  const read = () => {
    waiting = false;
    for (;;) {
      let length;
      try {
        length = readSync(fd, reader.buffer, 0, reader.buffer.length, null);
      } catch (error) {
        if (error.code === 'EINTR') continue;
        if (error.code !== 'EAGAIN') return config.onClose();
        stream = streamChannel(config, reader);
        return;
      }
      if (length === 0) return config.onClose();
      // A read that completed a line started an invocation, whose end calls idle() again.
      if (reader.callback(length, reader.buffer) > 0) return;
    }
  };
  const send = (text) => {
    if (stream) return stream.send(text);
    // A failed write means the engine is gone: the next read says so.
    writeAllSync(fd, Buffer.from(text, 'utf8'));
  };
  return {
    send,
    idle: () => {
      if (stream || waiting) return;
      waiting = true;
      setImmediate(read);
    },
  };
}

/**
 * Serves `config.fd` until the engine closes it. config: { fd, workers, file, exportName,
 * functionName, memoryMb, codeDir, maxResultBytes, tmpMapping?, safety?, onClose }.
 */
export async function serve(config) {
  // The engine sends no invocation before 'ready': until then there is no line to run.
  let onLine = () => undefined;
  const reader = lineReader((line) => onLine(line));
  const channel = config.workers ? streamChannel(config, reader) : blockingChannel(config, reader);
  const initStart = performance.now();
  const loaded = await loadHandler(config);
  if (!loaded.handler) {
    channel.send(JSON.stringify({ t: 'init-error', message: loaded.message }) + '\n');
    return;
  }
  const run = invoker(config, loaded.handler, channel);
  onLine = (line) => run(JSON.parse(line));
  channel.send(JSON.stringify({ t: 'ready', initMs: performance.now() - initStart }) + '\n');
  channel.idle();
}

/** The function that runs one invocation and sends its outcome. */
function invoker(config, handler, { send, idle }) {
  const schedstat = schedstatReader();
  const memory = memoryReport();
  /** Invocations running on this thread: one that overlaps another cannot have its CPU told apart. */
  const running = new Set();

  const end = (invocation, message) => {
    running.delete(invocation);
    const rssBytes = memory();
    if (rssBytes !== undefined) message.rssBytes = rssBytes;
    const stat = invocation.alone && invocation.stat ? schedstat() : null;
    if (stat) {
      message.usage = {
        wallMs: performance.now() - invocation.startMs,
        cpuMs: (stat[0] - invocation.stat[0]) / 1e6,
        runQueueMs: (stat[1] - invocation.stat[1]) / 1e6,
      };
    }
    let line;
    try {
      line = JSON.stringify(message);
    } catch {
      // What JSON cannot carry (a cycle, a BigInt) fails the invocation as the Node.js runtime fails it.
      line = JSON.stringify({ ...message, ok: false, result: undefined, message: 'Unable to stringify response body', errorType: 'Error' });
    }
    if (line.length > config.maxResultBytes) {
      line = JSON.stringify({ ...message, ok: false, result: undefined, message: `Exceeded maximum allowed payload size (${config.maxResponseBytes} bytes).`, errorType: 'RequestEntityTooLarge' });
    }
    send(line + '\n');
    if (running.size === 0) idle();
  };

  return ({ id, event, deadlineMs, requestId }) => {
    // One that starts beside another can never be alone: its CPU reading would go unused.
    const alone = running.size === 0;
    const invocation = { alone, startMs: performance.now(), stat: alone ? schedstat() : null };
    for (const other of running) other.alone = false;
    running.add(invocation);
    const fail = (error) => end(invocation, { id, ok: false, message: errorMessage(error) });
    let pending;
    try {
      pending = handler(event, new Context(config, requestId, deadlineMs));
    } catch (error) {
      fail(error);
      return;
    }
    if (pending && typeof pending.then === 'function') pending.then((result) => end(invocation, { id, ok: true, result }), fail);
    else end(invocation, { id, ok: true, result: pending });
  };
}
