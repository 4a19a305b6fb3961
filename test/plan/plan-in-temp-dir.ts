// Plans parsed as if run from a fresh temp folder, with --out inside it, removed after the file's tests.
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs } from '../../runner/cli/commands/bench-flags.ts';
import type { BenchPlan } from '../../runner/plan/plan.ts';
import { testTempDir } from '../temp-dir.ts';

export interface TempPlanner {
  /** The temp folder: the cwd of every parse, for relative paths such as csv:FILE. */
  root: string;
  plan(args: string[], env?: NodeJS.ProcessEnv): Promise<BenchPlan>;
}

export function tempPlanner(prefix: string): TempPlanner {
  const root = testTempDir(`lmi-bench-${prefix}-`);
  test.after(() => rmSync(root, { recursive: true, force: true }));
  return {
    root,
    async plan(args, env = {}) {
      const parsed = await parseBenchArgs([...args, '--out', join(root, 'results')], env, root);
      if (parsed.kind !== 'plan') throw new Error(`expected a plan from ${args.join(' ')}, got ${parsed.kind}`);
      return parsed.plan;
    },
  };
}
