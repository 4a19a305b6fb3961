// Opt-in instrumentation of a Node.js environment for `lmi-bench safety`, loaded by
// node-serve.mjs only when the function was deployed with a safetyRecordDir. It is
// installed before the engine's /tmp mapping (tmp-mapping.mjs), which then wraps these
// wrappers: the paths seen here are the environment folder's, shown again as /tmp/... Never loaded
// on the measuring path: it patches fs, the global object and process.env, and tracks every
// promise, which costs time a benchmark must not pay.
//
// For each invocation it records, as one JSON line in <safetyRecordDir>/node-<environment>-<thread>.jsonl
// written before the response is handed back:
//   { runtime: 'node', requestId, startMs, endMs, worker, files: [{ path, read, write }],
//     globals: [name], pending: [{ kind, detail }] }
// - files: paths under the environment's temp folder (/tmp or os.tmpdir()) the invocation
//   opened for reading or writing, through the fs entry points (callback, sync and promises);
// - globals: globalThis properties and process.env entries the invocation assigned, and the
//   handler module's own top-level variables (`let currentUser`, a `const session = {}` whose
//   fields are set) whose value changed while the invocation ran, as module.<name>: read through
//   the V8 inspector from the handler's scopes, before and after each invocation;
// - pending: timers, immediates and promises created by the invocation and still pending when
//   its response was ready (work that outlives the invocation).
// Attribution follows the async context (AsyncLocalStorage): whatever a handler starts, however
// deep, belongs to the invocation that started it.
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { Session } from 'node:inspector';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const invocation = new AsyncLocalStorage();

function realRoot(path) {
  try {
    return fs.realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The path as the handler named it, mapped to /tmp/..., or null when outside the temp folder.
 * The environment's /tmp as the handler sees it on AWS; wherever the engine put it here
 * (envTmpDir, see tmp-mapping.mjs), paths read /tmp/... as they would on the service.
 */
function tmpPathMapper(recordDir, envTmpDir) {
  const ownDir = resolve(recordDir) + sep;
  const candidates = [envTmpDir, tmpdir(), process.env.TMPDIR, '/tmp'].filter(Boolean).flatMap((p) => [resolve(p), realRoot(p)]);
  const roots = [...new Set(candidates)].sort((a, b) => b.length - a.length);
  return function tmpPath(raw) {
    let path = raw;
    if (path instanceof URL) path = fileURLToPath(path);
    else if (Buffer.isBuffer(path)) path = path.toString('utf8');
    if (typeof path !== 'string') return null; // a file descriptor or FileHandle: opened earlier
    const absolute = isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
    if (absolute.startsWith(ownDir)) return null;
    for (const root of roots) {
      if (absolute === root) return null;
      if (absolute.startsWith(root + sep)) return '/tmp/' + absolute.slice(root.length + 1);
    }
    return null;
  };
}

const writeFlag = /[wa+]/;
function flagAccess(flags, fallback) {
  if (flags === undefined || flags === null) flags = fallback;
  if (typeof flags === 'number') {
    const mode = flags & 3; // O_ACCMODE: O_RDONLY 0, O_WRONLY 1, O_RDWR 2
    return { read: mode !== 1, write: mode !== 0 || (flags & (fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND)) !== 0 };
  }
  const text = String(flags);
  return { read: text.startsWith('r') || text.includes('+'), write: writeFlag.test(text) };
}
const streamFlags = (options, fallback) => flagAccess(typeof options === 'object' && options !== null ? options.flags : undefined, fallback);

// Which argument is a path, and how each call uses it.
const readAccess = { read: true, write: false };
const writeAccess = { read: false, write: true };
const readWriteAccess = { read: true, write: true };
const fsUses = {
  open: (args) => [[args[0], flagAccess(typeof args[1] === 'function' ? undefined : args[1], 'r')]],
  readFile: (args) => [[args[0], readAccess]],
  writeFile: (args) => [[args[0], writeAccess]],
  appendFile: (args) => [[args[0], readWriteAccess]],
  truncate: (args) => [[args[0], writeAccess]],
  unlink: (args) => [[args[0], writeAccess]],
  rm: (args) => [[args[0], writeAccess]],
  copyFile: (args) => [[args[0], readAccess], [args[1], writeAccess]],
  rename: (args) => [[args[0], writeAccess], [args[1], writeAccess]],
};
const fsStreams = {
  createReadStream: (args) => [[args[0], streamFlags(args[1], 'r')]],
  createWriteStream: (args) => [[args[0], streamFlags(args[1], 'w')]],
};

/** Wraps the fs entry points (callback, sync, promises, streams) so each path they open is noted. */
function patchFs(noteFile) {
  const wrap = (target, name, describe) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    const patched = function (...args) {
      try {
        for (const [path, access] of describe(args)) noteFile(path, access);
      } catch {
        // Recording must never change what the handler's call does.
      }
      return original.apply(this, args);
    };
    Object.defineProperty(patched, 'name', { value: original.name });
    target[name] = patched;
  };
  for (const [name, describe] of Object.entries(fsUses)) {
    wrap(fs, name, describe);
    wrap(fs, `${name}Sync`, describe);
    wrap(fs.promises, name, describe);
  }
  for (const [name, describe] of Object.entries(fsStreams)) wrap(fs, name, describe);
  // ESM named imports of node:fs and node:fs/promises are live bindings of these objects.
  syncBuiltinESMExports();
}

/**
 * Assignments to globalThis: a proxy behind the global object sees every new property; each
 * becomes an accessor so that later assignments are seen too. process.env is proxied likewise.
 */
function watchGlobals(noteGlobal) {
  const watchGlobal = (key, value) => {
    let current = value;
    Object.defineProperty(globalThis, key, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (next) => {
        noteGlobal(`globalThis.${String(key)}`);
        current = next;
      },
    });
  };
  const behindGlobal = Object.getPrototypeOf(globalThis);
  Object.setPrototypeOf(
    globalThis,
    new Proxy(behindGlobal, {
      set(target, key, value, receiver) {
        if (receiver !== globalThis || Object.hasOwn(globalThis, key)) return Reflect.set(target, key, value, receiver);
        noteGlobal(`globalThis.${String(key)}`);
        watchGlobal(key, value);
        return true;
      },
    }),
  );
  const env = process.env;
  process.env = new Proxy(env, {
    set(target, key, value) {
      noteGlobal(`process.env.${String(key)}`);
      target[key] = value;
      return true;
    },
    deleteProperty(target, key) {
      noteGlobal(`process.env.${String(key)}`);
      return delete target[key];
    },
  });
}

/**
 * Work started by an invocation: timers and immediates (their _destroyed flag turns true,
 * synchronously, when they have run or were cleared) and promises (promiseResolve). Returns the
 * reader of what an invocation left pending.
 */
function trackWork() {
  const tracked = new Set(['Timeout', 'Immediate', 'PROMISE']);
  const owners = new Map();
  const forget = (asyncId) => {
    const record = owners.get(asyncId);
    if (!record) return;
    record.work.delete(asyncId);
    owners.delete(asyncId);
  };
  createHook({
    init(asyncId, type, _trigger, resource) {
      if (!tracked.has(type)) return;
      const record = invocation.getStore();
      if (!record || record.done) return;
      record.work.set(asyncId, { type, resource });
      owners.set(asyncId, record);
    },
    promiseResolve: forget,
    destroy: forget,
  }).enable();
  return function pendingWork(record) {
    const pending = [];
    for (const [asyncId, { type, resource }] of record.work) {
      owners.delete(asyncId);
      if (type === 'PROMISE') pending.push({ kind: 'promise', detail: 'promise not yet settled' });
      else if (resource?._destroyed) continue;
      else if (type === 'Immediate') pending.push({ kind: 'immediate', detail: 'setImmediate not yet run' });
      else if (resource?._repeat) pending.push({ kind: 'interval', detail: `setInterval every ${resource._repeat} ms` });
      else pending.push({ kind: 'timer', detail: `setTimeout of ${resource?._idleTimeout ?? '?'} ms not yet run` });
    }
    record.work.clear();
    return pending;
  };
}

const nowMs = () => performance.timeOrigin + performance.now();

/** The handler, run in its invocation's async context; `finish` records it when it settles. */
function instrumentWith(finish) {
  return function instrument(handler) {
    const moduleScope = moduleScopeReader(handler);
    return function instrumented(event, context) {
      const record = { requestId: context.awsRequestId, startMs: nowMs(), files: new Map(), globals: new Set(), work: new Map(), done: false, scopeBefore: moduleScope?.(), scopeReader: moduleScope };
      let outcome;
      try {
        outcome = invocation.run(record, () => handler(event, context));
      } catch (error) {
        finish(record);
        throw error;
      }
      if (!outcome || typeof outcome.then !== 'function') {
        finish(record);
        return outcome;
      }
      // Outside the invocation's context: these promises are the bootstrap's, not the handler's.
      return Promise.resolve(outcome).then(
        (result) => {
          finish(record);
          return result;
        },
        (error) => {
          finish(record);
          throw error;
        },
      );
    };
  };
}

/** Installs the hooks; call before the handler module is imported so it sees patched APIs. */
export function install({ recordDir, recordFd, worker, envTmpDir }) {
  // The record file is opened by the engine, one per serving thread, and written by descriptor:
  // no path of it ever goes through the patched fs API, and the folder need not be reachable
  // from the environment's mount namespace.
  const tmpPath = tmpPathMapper(recordDir, envTmpDir);
  patchFs((raw, access) => {
    const record = invocation.getStore();
    if (!record) return;
    const path = tmpPath(raw);
    if (path === null) return;
    const entry = record.files.get(path) ?? { path, read: false, write: false };
    if (access.read) entry.read = true;
    if (access.write) entry.write = true;
    record.files.set(path, entry);
  });
  watchGlobals((name) => {
    const record = invocation.getStore();
    if (record) record.globals.add(name);
  });
  const pendingWork = trackWork();
  return instrumentWith((record) => {
    record.done = true;
    if (record.scopeBefore) {
      const after = record.scopeReader();
      for (const [name, version] of after) if ((record.scopeBefore.get(name) ?? 0) !== version) record.globals.add(`module.${name}`);
    }
    const line = {
      runtime: 'node',
      requestId: record.requestId,
      startMs: record.startMs,
      endMs: nowMs(),
      worker,
      files: [...record.files.values()],
      globals: [...record.globals],
      pending: pendingWork(record),
    };
    fs.writeSync(recordFd, JSON.stringify(line) + '\n');
  });
}

// Runs inside the handler's isolate on each module-level object: a fingerprint of what it holds
// (own data properties, Map and Set entries, array items; no getter is called, depth and size
// bounded), so a change to any field shows as a different string.
const fingerprintSource = `function () {
  const seen = new WeakSet();
  let budget = 20000;
  const walk = (value, depth) => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function') return 'fn';
      if (typeof value === 'bigint') return value.toString() + 'n';
      return typeof value === 'string' ? JSON.stringify(value) : String(value);
    }
    if (seen.has(value)) return '<cycle>';
    seen.add(value);
    if (depth > 4 || --budget < 0) return '<more>';
    if (value instanceof Map) return 'Map{' + [...value].map(([k, v]) => walk(k, depth + 1) + '=>' + walk(v, depth + 1)).join(',') + '}';
    if (value instanceof Set) return 'Set{' + [...value].map((v) => walk(v, depth + 1)).join(',') + '}';
    if (value instanceof Date) return 'Date(' + value.getTime() + ')';
    if (ArrayBuffer.isView(value)) return 'bytes(' + value.byteLength + ')';
    if (Array.isArray(value)) return '[' + value.map((v) => walk(v, depth + 1)).join(',') + ']';
    const fields = [];
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      fields.push(key + ':' + (descriptor && 'value' in descriptor ? walk(descriptor.value, depth + 1) : 'accessor'));
    }
    return '{' + fields.join(',') + '}';
  };
  try {
    return walk(this, 0);
  } catch {
    return '<unreadable>';
  }
}`;

/**
 * A reader of the handler module's top-level variables, name -> how many times it was seen to
 * change, through the V8
 * inspector of this thread (its answers are synchronous): the handler's [[Scopes]] hold the
 * module's scope (ES module) or the module wrapper's closure (CommonJS), the state every
 * invocation on this thread shares. Functions are left out (helpers, imports). Null when the
 * inspector cannot read them; the rest of the recording goes on without.
 */
function moduleScopeReader(handler) {
  const session = new Session();
  const handlerKey = Symbol.for('lmi-bench.safety.handler');
  const objectGroup = 'lmi-bench-safety-scope';
  const post = (method, params) => {
    let answer;
    let failure;
    let answered = false;
    session.post(method, params, (error, result) => {
      failure = error;
      answer = result;
      answered = true;
    });
    if (!answered) throw new Error(`the inspector did not answer ${method} synchronously`);
    if (failure) throw failure;
    return answer;
  };
  const read = () => {
    const values = new Map();
    try {
      const { result: fn } = post('Runtime.evaluate', { expression: `globalThis[Symbol.for('lmi-bench.safety.handler')]`, objectGroup });
      const scopes = post('Runtime.getProperties', { objectId: fn.objectId, ownProperties: false }).internalProperties?.find((p) => p.name === '[[Scopes]]');
      if (!scopes?.value?.objectId) return values;
      for (const scope of post('Runtime.getProperties', { objectId: scopes.value.objectId, ownProperties: true }).result) {
        if (!/^(Module|Closure)/.test(scope.value?.description ?? '')) continue;
        for (const variable of post('Runtime.getProperties', { objectId: scope.value.objectId, ownProperties: true }).result) {
          const value = variable.value;
          if (!value || value.type === 'function') continue;
          if (value.objectId) {
            const { result } = post('Runtime.callFunctionOn', { objectId: value.objectId, functionDeclaration: fingerprintSource, returnByValue: true });
            values.set(variable.name, String(result.value));
          } else {
            values.set(variable.name, `${value.type}:${value.unserializableValue ?? JSON.stringify(value.value)}`);
          }
        }
      }
    } finally {
      post('Runtime.releaseObjectGroup', { objectGroup });
    }
    return values;
  };
  // Each read (at every invocation's start and end on this thread) counts the changes since the
  // previous one, so a variable set to A, then B, then A again while a request ran still counts
  // as changed under it.
  const versions = new Map();
  let last = new Map();
  const observe = () => {
    const now = read();
    for (const [name, fingerprint] of now) if (last.get(name) !== fingerprint) versions.set(name, (versions.get(name) ?? 0) + 1);
    last = now;
    return new Map(versions);
  };
  try {
    session.connect();
    // Reachable by the inspector, never enumerated by the handler.
    Object.defineProperty(globalThis, handlerKey, { value: handler, enumerable: false, configurable: true });
    observe();
    return observe;
  } catch {
    return null;
  }
}
