/**
 * Runs the pinned CDK CLI (the aws-cdk package beside lmi-bench, with this Node) as a child
 * process, its output shown line by line as progress. An abort signal (Ctrl-C) stops it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cdkEntryScript } from './aws-parts.ts';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The command that starts the CDK CLI; LMI_BENCH_CDK names another executable (tests use a recorded stand-in). */
export function cdkCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env['LMI_BENCH_CDK'];
  if (override) return [override];
  // Found from lmi-bench's own folder, so it works in a clone and as a dependency of a user's project
  // alike; `npx` from the package folder would look in node_modules/lmi-bench/node_modules only.
  const script = cdkEntryScript();
  return script ? [process.execPath, script] : ['npx', '--no-install', 'cdk'];
}

export interface CdkRunOptions {
  command?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Each line the CLI prints (stdout and stderr). */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface CdkRunResult {
  exitCode: number;
  /** The last lines printed, for the error message when the CLI fails. */
  tail: string[];
}

export async function runCdk(args: string[], options: CdkRunOptions = {}): Promise<CdkRunResult> {
  const [file, ...prefix] = options.command ?? cdkCommand(options.env);
  if (file === undefined) throw new Error('empty CDK command');
  const child = spawn(file, [...prefix, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...(options.env ?? process.env), CDK_DISABLE_CLI_TELEMETRY: 'true', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const take = (line: string): void => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    options.onLine?.(line);
  };
  createInterface({ input: child.stdout }).on('line', take);
  createInterface({ input: child.stderr }).on('line', take);
  const onAbort = (): void => {
    child.kill('SIGINT');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + 2 : 1)));
    });
    return { exitCode, tail };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * runCdk with a cloud assembly folder (`--output`) of this call's own: created exclusively by
 * mkdtemp (mode 0700, a random name, so nothing planted at a predictable path, a symlink
 * included, is ever written through), and removed however the call ends, a process exit
 * during it included. `name` goes into the folder's name to say whose it is.
 */
export async function runCdkWithPrivateAssembly(args: string[], name: string, options: CdkRunOptions = {}): Promise<CdkRunResult> {
  const dir = mkdtempSync(join(tmpdir(), `lmi-bench-cdk-${name}-`));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  try {
    return await runCdk([...args, '--output', dir], options);
  } finally {
    process.off('exit', remove);
    remove();
  }
}
