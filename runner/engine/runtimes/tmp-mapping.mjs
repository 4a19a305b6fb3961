// The environment's own /tmp for a Node.js worker thread (see ../tmp-dir.ts for why threads get
// a path mapping rather than a mount namespace). Every path argument of the fs API (callback,
// sync and promises forms, streams, watchers) that names /tmp or a path under it is rewritten
// to the environment's folder before the real function runs. A worker thread has its own
// instance of the built-in modules, so this changes nothing outside its environment; named ESM
// imports (`import { writeFileSync } from 'node:fs'`) see it through syncBuiltinESMExports.
// Paths left alone: the folder itself (os.tmpdir() stays '/tmp', as on AWS, but realpath()
// answers the folder's real path) and the function's code, when a test keeps it under /tmp.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** fs functions whose first argument is a path (the Sync form is wrapped too). */
const onePath = [
  'access', 'appendFile', 'chmod', 'chown', 'exists', 'lchmod', 'lchown', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open',
  'openAsBlob', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat', 'statfs', 'truncate',
  'unlink', 'utimes', 'writeFile',
];
/** fs functions taking two paths. */
const twoPaths = ['copyFile', 'cp', 'link', 'rename', 'symlink'];
/** Stream and watcher constructors (no Sync form). */
const plainOnePath = ['createReadStream', 'createWriteStream', 'watch', 'watchFile', 'unwatchFile'];

function under(path, root) {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * @param {{ tmpDir: string, keep: string[] }} options tmpDir: the environment's folder;
 *   keep: folders under /tmp that must stay reachable as they are (the function's code).
 */
export function installTmpMapping({ tmpDir, keep }) {
  const map = (path) => {
    let text;
    if (typeof path === 'string') text = path;
    else if (path instanceof URL && path.protocol === 'file:') text = fileURLToPath(path);
    else if (Buffer.isBuffer(path)) text = path.toString('utf8');
    else return path; // a file descriptor or something fs will reject itself
    const absolute = resolve(text);
    if (!under(absolute, '/tmp') || under(absolute, tmpDir) || keep.some((k) => under(absolute, k))) return path;
    return tmpDir + absolute.slice('/tmp'.length);
  };
  const wrap = (target, name, paths) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = function (...args) {
      for (let i = 0; i < paths && i < args.length; i++) args[i] = map(args[i]);
      return original.apply(this, args);
    };
    // fs.realpath.native, fs.exists[promisify.custom] and friends keep working.
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      const value = original[key];
      if (key === 'native' && typeof value === 'function') {
        wrapped.native = function (...args) {
          args[0] = map(args[0]);
          return value.apply(this, args);
        };
      } else {
        Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key));
      }
    }
    target[name] = wrapped;
  };
  const promises = fs.promises;
  for (const name of onePath) {
    wrap(fs, name, 1);
    wrap(fs, `${name}Sync`, 1);
    wrap(promises, name, 1);
  }
  for (const name of twoPaths) {
    wrap(fs, name, 2);
    wrap(fs, `${name}Sync`, 2);
    wrap(promises, name, 2);
  }
  for (const name of plainOnePath) wrap(fs, name, 1);
  syncBuiltinESMExports();
}
