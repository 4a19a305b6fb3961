/** Assembles the run file of a bench run from its plan, machine and sweep outcome. */
import { readFileSync } from 'node:fs';
import type { BenchPlan } from '../plan/plan.ts';
import { schemaVersion, type LevelResult, type MachineInfo, type RunFile, type RunStatus, type TmpIsolationNote } from './run-file.ts';
import type { PlanJson } from './plan-json.ts';

const toolVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface RunOutcome {
  status: RunStatus;
  reason?: string;
  levels: LevelResult[];
}

/** `tmpIsolation`: what the target reported for the functions it deployed (local target only). */
export function buildRunFile(plan: BenchPlan, planJson: PlanJson, machine: MachineInfo, startedAtMs: number, outcome: RunOutcome, tmpIsolation?: TmpIsolationNote | null): RunFile {
  const run: RunFile = {
    schemaVersion,
    runId: plan.runId,
    status: outcome.status,
    startedAt: new Date(startedAtMs).toISOString(),
    finishedAt: new Date().toISOString(),
    tool: { name: 'lmi-bench', version: toolVersion },
    machine,
    workload: { name: plan.workload.manifest.name, runtime: plan.runtime, description: plan.workload.manifest.description, kind: plan.workload.manifest.kind },
    target: plan.target,
    plan: planJson,
    levels: outcome.levels,
    crossover: null,
    prices: null,
  };
  if (outcome.reason !== undefined) run.reason = outcome.reason;
  if (tmpIsolation) run.tmpIsolation = tmpIsolation;
  return run;
}
