// Runs `node bin/lmi-bench.mjs bench …` as a real child process for the bench tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const markerName = 'LMI_BENCH_TEST_MARKER';

export interface BenchProcess {
  child: ChildProcess;
  marker: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr matches (or rejects after timeoutMs). */
  waitForStderr(pattern: RegExp, timeoutMs: number): Promise<void>;
}

export function startBench(args: string[]): BenchProcess {
  const marker = randomBytes(6).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env, [markerName]: marker };
  // An `npm test` run exports npm_config_* settings: they must not read as bench flags.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  const child = spawn(process.execPath, ['bin/lmi-bench.mjs', 'bench', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    marker,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stderr never matched ${pattern} within ${timeoutMs} ms:\n${err}`)), timeoutMs);
        const check = (): void => {
          if (pattern.test(err)) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiters.push(check);
        void exited.then(() => {
          if (!pattern.test(err)) {
            clearTimeout(timer);
            reject(new Error(`bench exited before stderr matched ${pattern}:\n${err}\n${out}`));
          }
        });
        check();
      });
    },
  };
}
