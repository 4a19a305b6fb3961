/**
 * The plan as run, saved in run.json `plan`: written by planToJson and read back by
 * readPlanJson, the one place that knows its shape. `check` replays it (analysis/replay-plan.ts)
 * and `cost crossover` prices with its settings, so both get typed values or one line naming
 * the field that is missing.
 */
import { UsageError } from '../errors.ts';
import type { Variant } from '../domain.ts';
import type { BenchPlan } from '../plan/plan.ts';
import { runtimes } from '../runtimes/registry.ts';
import { planVariants } from '../plan/variants.ts';

/** Fields added to the plan after run files were first written: older files lack them. */
type AddedLater = 'runIdChosenBy';

type Saved = Omit<BenchPlan, 'workload' | 'traffic'>;

/** The plan in run.json: the BenchPlan with the workload named rather than inlined. */
export type PlanJson = Omit<Saved, AddedLater> &
  Partial<Pick<Saved, AddedLater>> & {
    workload: { name: string; dir: string; builtIn: boolean };
    /** The --traffic spec as given (the traffic itself is not saved). */
    traffic?: string;
    /** The variants the plan deployed (always written; absent only from hand-made files). */
    variants?: Variant[];
  };

export function planToJson(plan: BenchPlan): PlanJson {
  const { workload, traffic, ...rest } = plan;
  return {
    ...rest,
    workload: { name: workload.manifest.name, dir: workload.dir, builtIn: workload.builtIn },
    ...(traffic ? { traffic: traffic.spec } : {}),
    variants: planVariants(plan),
  };
}

type Json = Record<string, unknown>;

/**
 * The saved plan of a run, checked field by field (the fields every schema-1 run file has);
 * `file` names the run file in messages, `consequence` says what the missing field prevents.
 */
export function readPlanJson(plan: unknown, file: string, consequence = ''): PlanJson {
  const fail = (what: string): never => {
    throw new UsageError(`${file}: the saved plan ${what}${consequence}`);
  };
  const object = (value: unknown, at: string): Json => (isObject(value) ? value : fail(`has no ${at}`));
  const text = (value: unknown, at: string): string => (typeof value === 'string' && value !== '' ? value : fail(`has no ${at}`));
  const number = (value: unknown, at: string): number => (typeof value === 'number' && Number.isFinite(value) ? value : fail(`has no ${at}`));
  const bool = (value: unknown, at: string): boolean => (typeof value === 'boolean' ? value : fail(`has no ${at}`));
  const numbers = (value: unknown, at: string): number[] =>
    Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (value as number[]) : fail(`has no ${at}`);
  const oneOf = <T extends string>(value: unknown, choices: readonly T[], at: string): T => ((choices as readonly unknown[]).includes(value) ? (value as T) : fail(`has no ${at}`));

  const p = object(plan, 'plan');
  const workload = object(p['workload'], 'workload');
  const lambda = object(p['lambda'], 'lambda settings');
  const lmi = object(p['lmi'], 'lmi settings');
  const pricing = object(p['pricing'], 'pricing settings');
  // Checked: what the readers use. The rest passes through as written (typed by the writer).
  text(workload['name'], 'workload.name');
  text(workload['dir'], 'workload.dir');
  bool(workload['builtIn'], 'workload.builtIn');
  oneOf(p['runtime'], runtimes, 'runtime');
  oneOf(p['target'], ['local', 'aws'] as const, 'target');
  if (!Array.isArray(p['modes']) || p['modes'].length === 0 || !p['modes'].every((m) => m === 'lambda' || m === 'lmi')) fail('has no modes');
  numbers(p['concurrency'], 'concurrency');
  number(p['durationSec'], 'durationSec');
  number(p['warmupSec'], 'warmupSec');
  number(p['trials'], 'trials');
  number(p['timeoutSec'], 'timeoutSec');
  object(p['event'], 'event');
  number(lambda['memoryMb'], 'lambda.memoryMb');
  oneOf(lambda['architecture'], ['x86_64', 'arm64'] as const, 'lambda.architecture');
  number(lambda['concurrencyLimit'], 'lambda.concurrencyLimit');
  number(lambda['idleTimeoutSec'], 'lambda.idleTimeoutSec');
  number(lmi['memoryMb'], 'lmi.memoryMb');
  numbers(lmi['maxConcurrency'], 'lmi.maxConcurrency');
  numbers(lmi['gibPerVcpu'], 'lmi.gibPerVcpu');
  number(lmi['minEnvironments'], 'lmi.minEnvironments');
  text(lmi['instanceType'], 'lmi.instanceType');
  number(lmi['maxVcpus'], 'lmi.maxVcpus');
  text(p['region'], 'region');
  bool(pricing['offline'], 'pricing.offline');
  // Runs before the discount was split into Lambda's and LMI's had one, on LMI's EC2 part.
  const lmiDiscount = number(pricing['lmiDiscount'] ?? pricing['discount'], 'pricing.lmiDiscount');
  bool(pricing['freeTier'], 'pricing.freeTier');
  return { ...p, pricing: { ...pricing, lmiDiscount } } as unknown as PlanJson;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
