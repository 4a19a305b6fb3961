// How a Node.js handler module is loaded, as Lambda's Node.js runtime loads it: the function's
// code root (the workload folder, deployed as the function's code) is the whole world, so a
// package.json above it (this repository's own says "type": "module") never decides anything.
//   .mjs: an ES module;  .cjs: CommonJS;
//   .js:  an ES module when the nearest package.json inside the code root says "type": "module",
//         else CommonJS (Lambda requires it).
// Node itself would read the nearest package.json anywhere above the file, so a CommonJS
// index.js in a folder of this clone would fail with "exports is not defined in ES module
// scope". Loaded here per thread: the override of require's .js loader only exists in the
// worker that runs the handler.
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

function inside(root, file) {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.split(sep).includes('node_modules');
}

/** The nearest package.json from the file's folder up to the code root (inclusive), or null. */
function scopePackageJson(file, codeDir) {
  let dir = dirname(file);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dir === codeDir || !inside(codeDir, dir)) return null;
    dir = dirname(dir);
  }
}

/** 'module' or 'commonjs' for a .js file, as Lambda decides it: from the code root's own package.json only. */
export function jsModuleType(file, codeDir) {
  const packageJson = scopePackageJson(file, codeDir);
  if (packageJson === null) return { type: 'commonjs', packageJson: null };
  try {
    return { type: JSON.parse(readFileSync(packageJson, 'utf8')).type === 'module' ? 'module' : 'commonjs', packageJson };
  } catch {
    return { type: 'commonjs', packageJson };
  }
}

/**
 * require() of a .js file reads the nearest package.json wherever it is and refuses a file in a
 * "type": "module" scope (ERR_REQUIRE_ESM). For the code root's own files that Lambda would
 * require, compile them as CommonJS, as Lambda does; every other file loads as Node decides.
 */
function installCommonJsScope(codeDir) {
  const original = Module._extensions['.js'];
  Module._extensions['.js'] = function loadJs(module, filename) {
    if (inside(codeDir, filename) && jsModuleType(filename, codeDir).type === 'commonjs') {
      module._compile(readFileSync(filename, 'utf8'), filename);
      return;
    }
    original.call(this, module, filename);
  };
}

/** The handler's module namespace (ESM) or exports (CommonJS). */
export async function loadHandlerModule(file, codeDir) {
  if (file.endsWith('.js') && jsModuleType(file, codeDir).type === 'commonjs') {
    installCommonJsScope(codeDir);
    return createRequire(file)(file);
  }
  return import(pathToFileURL(file).href);
}

/**
 * One line naming the fix when the error is an ES module / CommonJS mismatch (CommonJS syntax
 * in a file loaded as an ES module, or the reverse); null for any other error.
 */
export function moduleTypeHint(error, file, codeDir) {
  const message = error instanceof Error ? error.message : String(error);
  const name = relative(codeDir, file);
  if (/(exports|require|module|__dirname|__filename) is not defined in ES module scope/.test(message)) {
    const why = file.endsWith('.mjs') ? 'its name ends in .mjs' : `${relative(codeDir, jsModuleType(file, codeDir).packageJson ?? '')} says "type": "module"`;
    return `${name} uses CommonJS (${message.split(' is not defined')[0]}) but is loaded as an ES module because ${why}: rename it to .cjs, or drop "type": "module" from the function's package.json`;
  }
  if (/Cannot use import statement outside a module|Unexpected token 'export'|await is only valid in async functions and the top level bodies of modules/.test(message)) {
    return `${name} uses ES module syntax but Lambda loads a .js file as CommonJS unless the function's own package.json (in ${codeDir}) says "type": "module": rename it to .mjs, or add a package.json with {"type": "module"} there`;
  }
  return null;
}
