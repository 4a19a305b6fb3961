/** Runs `lmi-bench safety` as a user would, with its --json result read back. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SafetyResult } from '../../runner/safety/result.ts';
import { cleanEnv, inBatches, repoRoot, runProcess, type Finished } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

export const safetyFixtures = fileURLToPath(new URL('../fixtures/safety/', import.meta.url));

export interface SafetyRun extends Finished {
  dir: string;
  result: SafetyResult | undefined;
}

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed when the test process ends. */
export function tempDir(prefix: string): string {
  const dir = testTempDir(`lmi-bench-${prefix}-`);
  made.push(dir);
  return dir;
}

/** Small rounds keep each run to seconds: 3 rounds up to 8 at once, 8 events, 16 lone runs. */
export const quick = ['--concurrency', '8', '--rounds', '3'];

export async function runSafetyCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SafetyRun> {
  const dir = tempDir('safety-test');
  const finished = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'safety', '--json', join(dir, 'result.json'), '--out', join(dir, 'results'), ...args], {
    env: cleanEnv(env),
    timeoutMs: 120_000,
  });
  let result: SafetyResult | undefined;
  try {
    result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as SafetyResult;
  } catch {
    result = undefined;
  }
  return { ...finished, dir, result };
}

/**
 * One safety run per seed, each a CLI process with its own engine, two at a time: a run spends
 * most of its seconds waiting (its 1.1 s gap between the lone passes, start-ups), so two overlap
 * on 2 cores. Every run has ended when this resolves, so a failed assertion leaves none running.
 */
export function runSafetyCliPerSeed(seeds: number[], args: string[]): Promise<Array<{ seed: number; run: SafetyRun }>> {
  return inBatches(seeds, 2, async (seed) => ({ seed, run: await runSafetyCli([...args, '--seed', String(seed)]) }));
}
