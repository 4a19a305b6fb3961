// Runtime bootstrap of one Node.js execution environment: a worker thread with its own module
// state. Plain .mjs on purpose: loading tsx into every environment would cost ~10 MB and
// tens of milliseconds of init that a real Lambda runtime does not have.
//
// Protocol (worker messages):
//   in  workerData { file, exportName, functionName, memoryMb }
//   out { t: 'ready', initMs, tid } | { t: 'init-error', message } once, after the import
//                                                                  (tid: this thread's Linux id, for its CPU time; null elsewhere)
//   in  { id, event, deadlineMs, requestId }                       one invocation
//   out { id, ok: true, result } | { id, ok: false, message }      its outcome
import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { file, exportName, functionName, memoryMb } = workerData;
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
  const mod = await import(pathToFileURL(file).href);
  handler = mod[exportName] ?? mod.default?.[exportName];
  if (typeof handler !== 'function') throw new Error(`${file} does not export a function named '${exportName}'`);
} catch (error) {
  parentPort.postMessage({ t: 'init-error', message: errorMessage(error) });
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

function settle(id, result) {
  try {
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    // A result structured clone cannot copy (a function, a socket) is the handler's error.
    parentPort.postMessage({ id, ok: false, message: `result is not serializable: ${errorMessage(error)}` });
  }
}

if (handler) {
  parentPort.on('message', (message) => {
    const { id, event, deadlineMs, requestId } = message;
    let pending;
    try {
      pending = handler(event, new Context(requestId, deadlineMs));
    } catch (error) {
      parentPort.postMessage({ id, ok: false, message: errorMessage(error) });
      return;
    }
    if (pending && typeof pending.then === 'function') {
      pending.then(
        (result) => settle(id, result),
        (error) => parentPort.postMessage({ id, ok: false, message: errorMessage(error) }),
      );
    } else {
      settle(id, pending);
    }
  });
  parentPort.postMessage({ t: 'ready', initMs: performance.now() - initStart, tid: ownThreadId() });
}
