// Runtime bootstrap of one Node.js execution environment: a worker thread with its own module
// state. Plain .mjs on purpose: loading tsx into every environment would cost ~10 MB and
// tens of milliseconds of init that a real Lambda runtime does not have.
//
// Protocol (worker messages):
//   in  workerData { file, exportName, functionName, memoryMb, tmpDir, codeDir, logPath, logCapBytes, childGroups, safetyRecordDir? }
//                                                                  (childGroups: SharedArrayBuffer of child process groups, see child-groups.mjs)
//                                                                  (tmpDir: the environment's /tmp, see tmp-mapping.mjs;
//                                                                  logPath: the environment's log, see ../handler-log.ts)
//   out { t: 'ready', initMs, tid } | { t: 'init-error', message } once, after the import
//                                                                  (tid: this thread's Linux id, for its CPU time; null elsewhere)
//   in  { id, event, deadlineMs, requestId }                       one invocation
//   in  { t: 'batch', invocations: [{ id, event, deadlineMs, requestId }, ...] }   several, started in order
//   out { id, ok: true, result, usage?, memoryBytes } | { id, ok: false, message, usage?, memoryBytes }   its outcome
//   out { t: 'memory', bytes }                                     every 250 ms
//                                                                  (memoryBytes, bytes: this thread's V8 heap used + external
//                                                                  memory, for the engine's out-of-memory kill)
//                                                                  (usage: { wallMs, cpuMs, runQueueMs } of this thread, when
//                                                                  no other invocation overlapped it here; see ../protocol.ts)
import { fstatSync, openSync, readlinkSync, readSync, writeSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { installTmpMapping } from './tmp-mapping.mjs';
import { trackChildGroups } from './child-groups.mjs';
import { loadHandlerModule, moduleTypeHint } from './node-module-type.mjs';

const { file, exportName, functionName, memoryMb, tmpDir, codeDir, logPath, logCapBytes, childGroups, safetyRecordDir } = workerData;
// Before the handler module loads: its init may start processes too.
trackChildGroups(childGroups);

// The handler's stdout and stderr (console.log included) go straight to the environment's log
// file from this thread, synchronously, as a Lambda runtime's go to its log pipe: a chatty
// handler is slowed by the disk and nothing accumulates in the engine. Past the cap (shared
// through the file's size with the environment's other writers) output is dropped. Opened
// before the /tmp mapping, which would otherwise move the path into the environment's /tmp.
const logFd = openSync(logPath, 'a');
let logCapped = false;
function writeLog(chunk, encoding) {
  if (logCapped) return;
  const data = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
  try {
    if (fstatSync(logFd).size + data.length > logCapBytes) {
      logCapped = true;
      writeSync(logFd, `\n[lmi-bench] this environment's log reached its cap of ${logCapBytes} bytes: further output is dropped\n`);
      return;
    }
    writeSync(logFd, data);
  } catch {
    logCapped = true;
  }
}
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    writeLog(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

// `lmi-bench safety` only: records what each invocation touches (safety-node.mjs). Installed
// after the log is open, so writing the log is not an access it records.
const instrument = safetyRecordDir ? (await import('./safety-node.mjs')).install(safetyRecordDir, tmpDir) : undefined;
// Before the handler module loads: its init may write /tmp too.
if (tmpDir) installTmpMapping({ tmpDir, keep: [codeDir] });
const memoryLimitInMB = String(memoryMb);

function errorMessage(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

class Context {
  constructor(requestId, deadlineMs) {
    this.awsRequestId = requestId;
    this.functionName = functionName;
    this.functionVersion = '$LATEST';
    this.memoryLimitInMB = memoryLimitInMB;
    this.invokedFunctionArn = `arn:aws:lambda:local:000000000000:function:${functionName}`;
    this.callbackWaitsForEmptyEventLoop = false;
    this.deadlineMs = deadlineMs;
  }
  getRemainingTimeInMillis() {
    return Math.max(0, Math.round(this.deadlineMs - Date.now()));
  }
}

const initStart = performance.now();
let handler;
try {
  // As Lambda loads it: the module type comes from the code root, never from a folder above it.
  const mod = await loadHandlerModule(file, codeDir);
  handler = mod[exportName] ?? mod.default?.[exportName];
  if (typeof handler !== 'function') throw new Error(`${file} does not export a function named '${exportName}'`);
  if (instrument) handler = instrument(handler);
} catch (error) {
  parentPort.postMessage({ t: 'init-error', message: moduleTypeHint(error, file, codeDir) ?? errorMessage(error) });
  // Let the message flush before the thread ends; the engine terminates the worker.
  handler = undefined;
}

/** '/proc/thread-self' names the calling thread ('<pid>/task/<tid>'); a sync read runs on this thread. */
function ownThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || null;
  } catch {
    return null;
  }
}

/**
 * This thread's schedstat, opened once: /proc regenerates a file's text on every read at offset 0,
 * so a pread of the open descriptor is one syscall per sample, where reading the file by name
 * (open, fstat, read, close, through the /tmp mapping's wrapper) cost several times more CPU
 * on every invocation, taken from the cores the front doors need. The descriptor is opened from
 * this thread, so it names this thread for as long as it lives.
 */
const schedstatFd = (() => {
  try {
    return openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return null;
  }
})();
const schedstatBuffer = Buffer.alloc(96);

/** [ns on a CPU, ns runnable waiting for a core] of this thread, or null where /proc has no schedstat. */
function schedstat() {
  if (schedstatFd === null) return null;
  try {
    const length = readSync(schedstatFd, schedstatBuffer, 0, schedstatBuffer.length, 0);
    const text = schedstatBuffer.toString('latin1', 0, length);
    const space = text.indexOf(' ');
    return [Number(text.slice(0, space)), Number(text.slice(space + 1, text.indexOf(' ', space + 1)))];
  } catch {
    return null;
  }
}

/** Invocations running on this thread: one that overlaps another cannot have its CPU told apart. */
const running = new Set();

function begin() {
  const invocation = { alone: running.size === 0, startMs: performance.now(), stat: schedstat() };
  for (const other of running) other.alone = false;
  running.add(invocation);
  return invocation;
}

/** What this thread holds: V8 heap in use plus external memory (Buffers, ArrayBuffers), both per isolate. */
function memoryBytes() {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

function end(invocation, message) {
  running.delete(invocation);
  message.memoryBytes = memoryBytes();
  const stat = invocation.alone && invocation.stat ? schedstat() : null;
  if (stat) {
    message.usage = {
      wallMs: performance.now() - invocation.startMs,
      cpuMs: (stat[0] - invocation.stat[0]) / 1e6,
      runQueueMs: (stat[1] - invocation.stat[1]) / 1e6,
    };
  }
  return message;
}

function fail(invocation, id, error) {
  parentPort.postMessage(end(invocation, { id, ok: false, message: errorMessage(error) }));
}

function settle(invocation, id, result) {
  const message = end(invocation, { id, ok: true, result });
  try {
    parentPort.postMessage(message);
  } catch (error) {
    // A result structured clone cannot copy (a function, a socket) is the handler's error.
    parentPort.postMessage({ id, ok: false, message: `result is not serializable: ${errorMessage(error)}`, usage: message.usage, memoryBytes: message.memoryBytes });
  }
}

function invoke(message) {
  const { id, event, deadlineMs, requestId } = message;
  const invocation = begin();
  let pending;
  try {
    pending = handler(event, new Context(requestId, deadlineMs));
  } catch (error) {
    fail(invocation, id, error);
    return;
  }
  if (pending && typeof pending.then === 'function') {
    pending.then(
      (result) => settle(invocation, id, result),
      (error) => fail(invocation, id, error),
    );
  } else {
    settle(invocation, id, pending);
  }
}

if (handler) {
  // The engine sends the invocations that reached this thread in one turn of its event loop as
  // one batch: they start here one after another, as separate messages would.
  parentPort.on('message', (message) => {
    if (message.t === 'batch') for (const one of message.invocations) invoke(one);
    else invoke(message);
  });
  parentPort.postMessage({ t: 'ready', initMs: performance.now() - initStart, tid: ownThreadId() });
  // Memory held between invocations (a timer's leak) is seen too, not only at results.
  setInterval(() => parentPort.postMessage({ t: 'memory', bytes: memoryBytes() }), 250).unref();
}
