/** Assembles the run file of a bench run from its plan, machine and sweep outcome. */
import { readFileSync } from 'node:fs';
import { tmpIsolation } from '../engine/tmp-dir.ts';
import type { BenchPlan } from '../plan/plan.ts';
import { schemaVersion, type LevelResult, type MachineInfo, type RunFile, type RunStatus } from './run-file.ts';
import type { PlanJson } from './plan-json.ts';

const toolVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface RunOutcome {
  status: RunStatus;
  reason?: string;
  levels: LevelResult[];
}

export function buildRunFile(plan: BenchPlan, planJson: PlanJson, machine: MachineInfo, startedAtMs: number, outcome: RunOutcome): RunFile {
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
  if (plan.target === 'local') {
    // The engine runs on this machine as this user: the same probe answers what it could do.
    const isolation = tmpIsolation(plan.runtime);
    run.tmpIsolation =
      isolation.kind === 'mount-namespace'
        ? { mechanism: isolation.kind, complete: true, note: 'each environment process has a private mount namespace with its own folder over /tmp' }
        : { mechanism: isolation.kind, complete: false, note: isolation.reason };
  }
  return run;
}
