// Real bench runs on the local engine and the check command, as child processes.
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { testTempDir } from '../temp-dir.ts';

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Short LMI-only runs: 2 levels x (0.5 s warm-up + 3 x 1.5 s), about 15 s each with the engine.
 * The capacity provider is capped at 12 vCPUs: 16 connections need 1 of the 3 base one-vCPU
 * environments at 64 per environment, so the cap never binds here, and a candidate that drops to
 * 1 per environment cannot scale past it (throttles-regress compares against this baseline).
 */
export const shortRun = ['--workload', 'io-bound', '--modes', 'lmi', '--concurrency', '4,16', '--duration', '1.5', '--warmup', '0.5', '--trials', '3', '--max-vcpus', '12', '--offline'];

export function tempDir(): string {
  return testTempDir('lmi-bench-check-');
}

export function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  // An `npm test` run exports npm_config_* settings: they must not read as flags.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  delete env['GITHUB_STEP_SUMMARY'];
  if (extraEnv['GITHUB_STEP_SUMMARY']) env['GITHUB_STEP_SUMMARY'] = extraEnv['GITHUB_STEP_SUMMARY'];
  const child = spawn(process.execPath, ['bin/lmi-bench.mjs', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs a bench into out/runId and returns the run folder; fails the test when it did not complete. */
export async function bench(out: string, runId: string, extra: string[] = []): Promise<string> {
  const result = await cli(['bench', ...shortRun, ...extra, '--out', out, '--run-id', runId]);
  if (result.code !== 0) throw new Error(`bench ${runId} exited ${result.code}:\n${result.stderr}`);
  return join(out, runId);
}

/** Parses XML with Python's strict parser; returns the testcase names and failure names. */
export function parseJunit(path: string): { tests: number; failures: number; cases: string[]; failed: string[] } {
  const script = [
    'import json, sys, xml.etree.ElementTree as ET',
    'root = ET.parse(sys.argv[1]).getroot()',
    'assert root.tag == "testsuite", root.tag',
    'cases = root.findall("testcase")',
    'print(json.dumps({"tests": int(root.get("tests")), "failures": int(root.get("failures")), "cases": [c.get("name") for c in cases], "failed": [c.get("name") for c in cases if c.find("failure") is not None]}))',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`JUnit XML does not parse: ${result.stderr}`);
  return JSON.parse(result.stdout) as { tests: number; failures: number; cases: string[]; failed: string[] };
}

/**
 * Set by scripts/run-tests.mjs: a folder that lives for one test run, where files of the serial
 * lane may leave what a later file can reuse.
 */
export const sharedDirVariable = 'LMI_BENCH_TEST_SHARED_DIR';

/**
 * The plain short baseline (shortRun, no extra flags), measured once per test run and copied
 * into `out/runId` for each test that needs it: every check test compares against the same
 * kind of run, and measuring it again in every file only made the suite slower. Standalone
 * (no shared folder), it is measured here as before.
 */
export async function sharedBaseline(out: string, runId: string): Promise<string> {
  const shared = process.env[sharedDirVariable];
  if (!shared || !existsSync(shared)) return bench(out, runId);
  const kept = join(shared, 'check-baseline');
  if (!existsSync(join(kept, 'run.json'))) {
    // Measured under another name and moved into place whole, so a half-written run is never reused.
    const measuring = await bench(shared, `check-baseline-${process.pid}`);
    rmSync(kept, { recursive: true, force: true });
    renameSync(measuring, kept);
  }
  const copy = join(out, runId);
  cpSync(kept, copy, { recursive: true });
  return copy;
}
