/**
 * The bench flags that reproduce a run's plan (run.json `plan`): how `check` without
 * --candidate measures the candidate with exactly the baseline's settings, through the bench
 * command itself. The plan JSON is the plan as run, so each value is already validated; the
 * bench parser validates it again all the same.
 */
import { UsageError } from '../errors.ts';

type Json = Record<string, unknown>;

export function planToBenchArgs(plan: Json, source: string): string[] {
  const fail = (what: string): never => {
    throw new UsageError(`${source}: the baseline's plan ${what}, so it cannot be run again (give --candidate)`);
  };
  const object = (value: unknown, name: string): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : fail(`has no ${name}`));
  const workload = object(plan['workload'], 'workload');
  const lambda = object(plan['lambda'], 'lambda settings');
  const lmi = object(plan['lmi'], 'lmi settings');
  const pricing = object(plan['pricing'], 'pricing settings');
  const scalar = (value: unknown, name: string): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : fail(`has no ${name}`));
  const list = (value: unknown, name: string): string => (Array.isArray(value) && value.length > 0 ? value.map((v) => scalar(v, name)).join(',') : fail(`has no ${name}`));
  const workloadArg = workload['builtIn'] === true ? scalar(workload['name'], 'workload name') : scalar(workload['dir'], 'workload folder');

  const args = [
    '--workload', workloadArg,
    '--runtime', scalar(plan['runtime'], 'runtime'),
    '--target', scalar(plan['target'], 'target'),
    '--modes', list(plan['modes'], 'modes'),
    '--concurrency', list(plan['concurrency'], 'concurrency'),
    '--duration', scalar(plan['durationSec'], 'durationSec'),
    '--warmup', scalar(plan['warmupSec'], 'warmupSec'),
    '--trials', scalar(plan['trials'], 'trials'),
    '--timeout', scalar(plan['timeoutSec'], 'timeoutSec'),
    '--event', JSON.stringify(object(plan['event'], 'event')),
    '--memory', scalar(lambda['memoryMb'], 'lambda.memoryMb'),
    '--arch', scalar(lambda['architecture'], 'lambda.architecture'),
    '--concurrency-limit', scalar(lambda['concurrencyLimit'], 'lambda.concurrencyLimit'),
    '--idle-timeout', scalar(lambda['idleTimeoutSec'], 'lambda.idleTimeoutSec'),
    '--lmi-memory', scalar(lmi['memoryMb'], 'lmi.memoryMb'),
    '--lmi-gib-per-vcpu', list(lmi['gibPerVcpu'], 'lmi.gibPerVcpu'),
    '--lmi-min-environments', scalar(lmi['minEnvironments'], 'lmi.minEnvironments'),
    '--instance-type', scalar(lmi['instanceType'], 'lmi.instanceType'),
    '--max-vcpus', scalar(lmi['maxVcpus'], 'lmi.maxVcpus'),
    '--region', scalar(plan['region'], 'region'),
    '--discount', scalar(pricing['discount'], 'pricing.discount'),
  ];
  // A defaulted maxConcurrency is per variant (from each one's vCPUs): replayed by leaving it default.
  if (typeof lmi['maxConcurrencyPerVcpu'] !== 'number') args.push('--lmi-max-concurrency', list(lmi['maxConcurrency'], 'lmi.maxConcurrency'));
  if (pricing['offline'] === true) args.push('--offline');
  if (pricing['freeTier'] === true) args.push('--free-tier');
  if (typeof plan['sloP99Ms'] === 'number') args.push('--slo-p99-ms', String(plan['sloP99Ms']));
  const aws = plan['aws'];
  if (plan['target'] === 'aws' && typeof aws === 'object' && aws !== null) {
    const maxSpend = (aws as Json)['maxSpendUsd'];
    if (typeof maxSpend === 'number') args.push('--max-spend', String(maxSpend));
  }
  return args;
}
