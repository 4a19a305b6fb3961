// `lmi-bench bench --runtime java` at concurrency 1 through the real CLI, as a user runs it, and
// the run.json it writes: shared by the Java latency test and the Java duration-model test.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasuredLevel, RunFile } from '../../runner/run/run-file.ts';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { tempDir } from '../safety/cli.ts';

export async function javaBench(args: string[]): Promise<RunFile> {
  const out = tempDir('java-bench');
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--runtime', 'java', '--concurrency', '1', '--out', out, ...args], { env: cleanEnv(), timeoutMs: 240_000 });
  assert.equal(run.code, 0, run.stderr);
  const [folder] = readdirSync(out);
  return JSON.parse(readFileSync(join(out, folder as string, 'run.json'), 'utf8')) as RunFile;
}

export function measured(run: RunFile): MeasuredLevel[] {
  return run.levels.filter((l): l is MeasuredLevel => l.state === 'measured');
}
