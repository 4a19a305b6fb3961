// Imported for its effect (`node --import`, or first thing in an entry point): lets this thread
// import lmi-bench's .ts files. A worker thread that runs .ts imports it again. See
// typescript-hooks.mjs for why this is not tsx.
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

// module.register came in Node.js 20.6 (tsx, used before these hooks, needed it too).
if (typeof nodeModule.register !== 'function') {
  process.stderr.write(`lmi-bench: needs Node.js 20.6 or later (this is ${process.version})\n`);
  process.exit(2);
}

// Stack traces name the .ts file and line: the transpiled code carries an inline source map.
process.setSourceMapsEnabled(true);
/**
 * The .cache folder of the node_modules lmi-bench is installed in (its own, in a checkout), where
 * build tools keep their caches. A global install's may not be writable: then nothing is cached.
 */
function cacheDirOf(packageRoot) {
  const installedAt = packageRoot.lastIndexOf('/node_modules/');
  const nodeModules = installedAt === -1 ? `${packageRoot}node_modules/` : packageRoot.slice(0, installedAt + '/node_modules/'.length);
  return `${nodeModules}.cache/lmi-bench-typescript`;
}

const cacheDir = cacheDirOf(fileURLToPath(new URL('../../', import.meta.url)).replaceAll('\\', '/'));
nodeModule.register('./typescript-hooks.mjs', import.meta.url, { data: { cacheDir } });
