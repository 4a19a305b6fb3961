/**
 * The bench flags that reproduce a run's plan (run.json `plan`): how `check` without
 * --candidate measures the candidate with exactly the baseline's settings, through the bench
 * command itself. The saved plan is the plan as run, read and checked by readPlanJson; the
 * bench parser validates the values again all the same.
 */
import type { PlanJson } from '../run/plan-json.ts';

export function planToBenchArgs(plan: PlanJson): string[] {
  const { lambda, lmi, pricing } = plan;
  const list = (values: readonly number[]): string => values.join(',');
  const args = [
    '--workload', plan.workload.builtIn ? plan.workload.name : plan.workload.dir,
    '--runtime', plan.runtime,
    '--target', plan.target,
    '--modes', plan.modes.join(','),
    // Open-loop runs replay their arrival rates; closed-loop ones their connections.
    ...(plan.rates !== undefined ? ['--rates', list(plan.rates)] : ['--concurrency', list(plan.concurrency)]),
    '--duration', String(plan.durationSec),
    '--warmup', String(plan.warmupSec),
    '--trials', String(plan.trials),
    '--timeout', String(plan.timeoutSec),
    '--event', JSON.stringify(plan.event),
    '--memory', String(lambda.memoryMb),
    '--arch', lambda.architecture,
    '--concurrency-limit', String(lambda.concurrencyLimit),
    '--idle-timeout', String(lambda.idleTimeoutSec),
    '--lmi-memory', String(lmi.memoryMb),
    '--lmi-gib-per-vcpu', list(lmi.gibPerVcpu),
    '--lmi-min-environments', String(lmi.minEnvironments),
    '--max-vcpus', String(lmi.maxVcpus),
    '--region', plan.region,
  ];
  // A defaulted maxConcurrency is per variant (from each one's vCPUs): replayed by leaving it default.
  if (typeof lmi.maxConcurrencyPerVcpu !== 'number') args.push('--lmi-max-concurrency', list(lmi.maxConcurrency));
  // Instance choice: a pinned type (every plan before instance choice) or the candidate set.
  if (lmi.instancePinned === false && lmi.instanceTypes) args.push('--instance-types', lmi.instanceTypes.join(','));
  else args.push('--instance-type', lmi.instanceType);
  args.push('--lmi-discount', String(pricing.lmiDiscount));
  if (pricing.lambdaDiscount !== undefined) args.push('--lambda-discount', String(pricing.lambdaDiscount));
  if (lmi.targetCpuPercent && lmi.targetCpuPercent.length > 0) args.push('--lmi-target-cpu', list(lmi.targetCpuPercent));
  if (lmi.functionsPerProvider !== undefined) args.push('--functions-per-provider', String(lmi.functionsPerProvider));
  // A plan without a reservation or a launch delay was made before they existed: none of either.
  args.push('--instance-reserve-vcpu', String(lmi.reserveVcpus ?? 0), '--instance-reserve-gib', String(lmi.reserveMemoryGiB ?? 0));
  args.push('--instance-launch-delay', String(lmi.instanceLaunchDelaySec ?? 0));
  if (pricing.offline) args.push('--offline');
  if (pricing.freeTier) args.push('--free-tier');
  if (typeof plan.sloP99Ms === 'number') args.push('--slo-p99-ms', String(plan.sloP99Ms));
  if (plan.load !== undefined) args.push('--load-workers', String(plan.load.workers), plan.load.parallelVariants ? '--parallel-variants' : '--no-parallel-variants');
  if (plan.target === 'aws' && plan.aws !== undefined) args.push('--max-spend', String(plan.aws.maxSpendUsd));
  return args;
}
