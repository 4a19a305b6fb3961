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

export const loadWorkerEntry = fileURLToPath(new URL('./handler.ts', import.meta.url));
/** The handler, as workload.json and the CDK function name it. */
export const loadWorkerHandler = 'index.handler';
export const loadWorkerName = 'lmi-bench-load-worker';
/** Lambda's runtime for the worker (the bundle targets it; Node 20 runs it in tests). */
export const loadWorkerNodeTarget = 'node20';
/**
 * The worker function's memory on AWS: 1769 MB is one full vCPU, which a load generator's
 * event loop uses whole (parsing responses, recording latencies); less would throttle it and
 * add the generator's own delay to the latencies it measures.
 */
export const loadWorkerMemoryMb = 1769;
/** arm64: the bundle is plain JavaScript, and Graviton GB-seconds cost about 20% less. */
export const loadWorkerArchitecture = 'arm64';
/** Lambda's longest timeout: a phase (at most a level's trial, plus the request timeout) must fit in it. */
export const loadWorkerTimeoutSec = 900;

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
