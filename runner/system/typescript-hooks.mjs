// Module hooks (node:module register) that load lmi-bench's own TypeScript: each .ts file is
// transpiled on its own by esbuild, which is safe because the project compiles with
// verbatimModuleSyntax (every type-only import says so), and kept in a disk cache.
//
// Why not tsx, which the project used before: starting tsx cost every process ~0.25 CPU-s (a
// CLI command's start took 0.28 s against 0.10 s with these hooks). lmi-bench starts many
// processes (the CLI, the engine's query thread, each test file), and its own sources need none
// of tsx's extras: their imports name the .ts file. Users' TypeScript handlers still run through
// tsx (runtimes/node-serve.mjs), which resolves whatever import style they use.
//
// The cache holds one file per source path (named by the path's hash), so it never grows past
// the number of sources; its first line is the hash of what it was made from (the source, the
// esbuild version and the options below), and an entry whose hash differs is made again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What tsc would emit for this project's tsconfig (target ES2022, verbatimModuleSyntax). */
const transformOptions = {
  loader: 'ts',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
};

/** Read from its package.json: importing esbuild itself costs a cached start ~0.05 s. */
const esbuildVersion = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version;
/** Part of every entry's hash: a new esbuild or new options make every entry again. */
const madeWith = `${esbuildVersion} ${JSON.stringify(transformOptions)}`;

/** @type {string | undefined} where transpiled files are kept; undefined: no cache */
let cacheDir;
/** @type {typeof import('esbuild') | undefined} loaded at the first file the cache lacks */
let esbuild;

/** @param {{ cacheDir?: string } | undefined} data */
export function initialize(data) {
  cacheDir = data?.cacheDir;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const sourceHash = createHash('sha1').update(madeWith).update('\0').update(source).digest('hex');
  const entry = cacheDir === undefined ? undefined : join(cacheDir, `${createHash('sha1').update(path).digest('hex')}.mjs`);
  const cached = entry === undefined ? undefined : readEntry(entry, sourceHash);
  if (cached !== undefined) return { format: 'module', source: cached, shortCircuit: true };
  esbuild ??= await import('esbuild');
  const { code } = esbuild.transformSync(source, { ...transformOptions, sourcefile: path });
  if (entry !== undefined) writeEntry(entry, sourceHash, code);
  return { format: 'module', source: code, shortCircuit: true };
}

/** The cached code when the entry was made from the same source, else undefined. */
function readEntry(entry, sourceHash) {
  let text;
  try {
    text = readFileSync(entry, 'utf8');
  } catch {
    return undefined;
  }
  const lineEnd = text.indexOf('\n');
  return text.slice(3, lineEnd) === sourceHash ? text.slice(lineEnd + 1) : undefined;
}

/** Written under a name of its own, then renamed: a process never reads half an entry. */
function writeEntry(entry, sourceHash, code) {
  const partial = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(partial, `// ${sourceHash}\n${code}`);
    renameSync(partial, entry);
  } catch {
    // No cache (a read-only install, a full disk): every start transpiles again, which is
    // slower, not wrong. A partial write is not left behind.
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}
