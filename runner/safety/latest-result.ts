/**
 * Where a report or `advise` finds the last safety check of a workload: every safety run
 * writes its result to <out>/safety/<workload>-<runtime>.json (out: --out, default results),
 * next to the bench runs, and reads back as "checked with `lmi-bench safety`: N findings".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeOfLambdaId, type Runtime } from '../runtimes/registry.ts';
import type { SafetyResult } from './result.ts';
import { groupFindings } from './finding-groups.ts';

export function latestSafetyPath(outDir: string, workloadName: string, runtime: Runtime | string): string {
  return join(outDir, 'safety', `${workloadName.replace(/[^A-Za-z0-9._-]/g, '-')}-${runtime}.json`);
}

export interface SafetyCheck {
  findings: number;
  errors: number;
  warnings: number;
  seed: number;
  /** ISO time the check started. */
  checkedAt: string;
  path: string;
  /** The main cause of its findings (findings grouped by cause, the first: errors, then the most findings); null without findings. */
  mainCause: { cause: string; count: number; severity: 'error' | 'warning' } | null;
}

/** The last check of this workload and runtime, or undefined when there is none (or it is unreadable). */
export function readLatestSafety(outDir: string, workloadName: string, runtime: Runtime | string): SafetyCheck | undefined {
  const path = latestSafetyPath(outDir, workloadName, runtime);
  let result: SafetyResult;
  try {
    result = JSON.parse(readFileSync(path, 'utf8')) as SafetyResult;
  } catch {
    return undefined;
  }
  const counts = result.counts;
  if (typeof counts?.errors !== 'number' || typeof counts.warnings !== 'number') return undefined;
  const main = Array.isArray(result.findings) && result.findings.every((f) => typeof f.cause === 'string') ? groupFindings(result.findings)[0] : undefined;
  const mainCause = main ? { cause: main.cause, count: main.count, severity: main.severity } : null;
  return { findings: counts.errors + counts.warnings, errors: counts.errors, warnings: counts.warnings, seed: result.seed, checkedAt: result.startedAt, path, mainCause };
}

/** One line for a report's workload section or `advise`. */
export function safetyCheckLine(check: SafetyCheck | undefined): string {
  if (!check) return 'not checked with `lmi-bench safety` yet: run it before moving to LMI';
  const detail = check.findings === 0 ? '' : ` (${check.errors} error${check.errors === 1 ? '' : 's'}, ${check.warnings} warning${check.warnings === 1 ? '' : 's'})`;
  return `checked with \`lmi-bench safety\`: ${check.findings} finding${check.findings === 1 ? '' : 's'}${detail}, seed ${check.seed}, ${check.checkedAt.slice(0, 10)}`;
}

/** The runtime a Lambda runtime id (nodejs22.x, python3.13) is checked as; null for others. */
export function safetyRuntimeOf(lambdaRuntime: string): Runtime | null {
  return runtimeOfLambdaId(lambdaRuntime);
}

/** The most recent check of this workload among these runtimes, or undefined when there is none. */
export function readLatestSafetyOf(outDir: string, workloadName: string, runtimes: readonly Runtime[]): SafetyCheck | undefined {
  return runtimes
    .map((runtime) => readLatestSafety(outDir, workloadName, runtime))
    .filter((check): check is SafetyCheck => check !== undefined)
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt))[0];
}
