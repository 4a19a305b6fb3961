/** Runs the real CLI (or npm) as a child process and collects what it printed. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `node --import` this to run one of the project's .ts files as the CLI runs its own. */
export const ownTypeScript = new URL('../../runner/system/typescript-register.mjs', import.meta.url).href;

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment without what an outer `npm test` exported: a stray npm_config_* or
 * npm_lifecycle_event would otherwise be read as flags by the bench command under test.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && !key.startsWith('AWS_')) env[key] = value;
  }
  return { ...env, ...extra };
}

export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? repoRoot, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `node bin/lmi-bench.mjs bench …` from the repository root. */
export function runBench(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', ...args], options);
}

/** Runs `jobs` with at most `width` at a time: spawns overlap their start-up without flooding 2 cores. */
export async function inBatches<T, R>(items: T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** The plan JSON that --plan-only printed (npm prints its own banner lines before it). */
export function planFromStdout(stdout: string): Record<string, unknown> {
  const start = stdout.indexOf('{');
  if (start === -1) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(stdout.slice(start)) as Record<string, unknown>;
}
