/**
 * Builds the load worker's code asset: handler.ts and everything it imports (autocannon,
 * hdr-histogram-js, the SigV4 signer) bundled by esbuild into ONE index.mjs, next to a
 * workload.json that lets the local engine deploy the folder like any workload.
 *
 * Why a bundle: Lambda needs JavaScript with its dependencies beside it, and `cdk synth` must
 * stay offline. esbuild (already installed, it is what tsx runs on) bundles from node_modules
 * in a fraction of a second with no network and no Docker, and the one file it writes is what
 * the engine runs too, so the tests exercise the code AWS gets. The output is deterministic, so
 * the asset hash changes only when the code does.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { loadWorkerHandler, loadWorkerName, loadWorkerNodeTarget } from './worker-function.ts';

export * from './worker-function.ts';

export const loadWorkerEntry = fileURLToPath(new URL('./handler.ts', import.meta.url));
/** Writes the bundle into `dir` (created if needed) and returns it. */
export function buildLoadWorkerBundle(dir: string = mkdtempSync(join(tmpdir(), 'lmi-bench-load-worker-'))): string {
  mkdirSync(dir, { recursive: true });
  const result = buildSync({
    entryPoints: [loadWorkerEntry],
    outfile: join(dir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: loadWorkerNodeTarget,
    // autocannon and its dependencies are CommonJS and require() Node's built-ins, which an
    // ES module bundle can only do through a require of its own.
    banner: { js: "import { createRequire as __lmiBenchCreateRequire } from 'node:module'; const require = __lmiBenchCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'silent',
    write: true,
  });
  if (result.errors.length > 0) throw new Error(`bundling the load worker failed: ${result.errors[0]?.text ?? 'unknown error'}`);
  writeFileSync(
    join(dir, 'workload.json'),
    JSON.stringify({ name: loadWorkerName, description: 'lmi-bench load worker', kind: 'io', memoryMb: 1024, runtimes: { node: { handler: loadWorkerHandler } } }, null, 2) + '\n',
  );
  return dir;
}
