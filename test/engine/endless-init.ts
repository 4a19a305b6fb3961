/**
 * Shared by the endless-init tests: a workload whose handler module never finishes loading (an
 * endless loop at its top level), and the CLI run with a 1.5 s local init deadline.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const dirs: string[] = [];

/** Removes every folder this module made; for the file's `after` hook. */
export function removeEndlessInitDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix: string): string {
  const dir = testTempDir(prefix);
  dirs.push(dir);
  return dir;
}

export function loopingWorkload(): string {
  const dir = tempDir('lmi-bench-endless-init-');
  mkdirSync(join(dir, 'node'));
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'node', 'index.mjs'), 'while (true) {}\nexport const handler = async () => ({ statusCode: 200 });\n');
  writeFileSync(join(dir, 'python', 'index.py'), 'while True:\n    pass\n\ndef handler(event, context):\n    return {}\n');
  const runtimes = { node: { handler: 'node/index.handler' }, python: { handler: 'python/index.handler' } };
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'looper', kind: 'io', memoryMb: 512, runtimes }));
  return dir;
}

export const timeout =
  /init did not finish within the local init deadline of 1\.5 s \(LMI_BENCH_INIT_LIMIT_MS; AWS allows \d+ s\)(, nor in its retry inside the invocation within the local init deadline of 1\.5 s \(LMI_BENCH_INIT_LIMIT_MS; AWS allows \d+ s\))?: Status: timeout/;

export async function lmiBench(args: string[]): Promise<{ code: number | null; lines: string[]; elapsedMs: number }> {
  const startedMs = Date.now();
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args], { env: cleanEnv({ LMI_BENCH_INIT_LIMIT_MS: '1500' }), timeoutMs: 60_000 });
  return { code: run.code, lines: run.stderr.split('\n').filter((l) => l.trim() !== ''), elapsedMs: Date.now() - startedMs };
}
