/**
 * `lmi-bench bench`: flags to a validated plan, then the run (runner/bench/run-bench.ts).
 * The pipeline is loaded only after the plan is valid, so --help, --plan-only and bad input
 * answer without loading the load generator, the SDK clients or the report renderer.
 */
import { ExitCode } from '../../errors.ts';
import { parseBenchArgs } from './bench-flags.ts';
import { planToJson } from '../../run/plan-json.ts';
import { estimateWallTime, plannedWallTimeMs } from '../../plan/wall-time.ts';
import type { BenchPlan } from '../../plan/plan.ts';

/** The wall time of the plan as it will run, and of the same plan the other way (with and without parallel variants). */
function wallTimeJson(plan: BenchPlan): Record<string, unknown> {
  const estimate = estimateWallTime(plan, { loadWorkers: plan.load?.workers ?? 1 });
  const parallel = (plan.load?.parallelVariants ?? false) && estimate.parallelMs !== undefined;
  const minutes = (ms: number): number => Math.round(ms / 6000) / 10;
  return {
    parallelVariants: parallel,
    estimateMin: minutes(plannedWallTimeMs(plan, estimate)),
    sequentialMin: minutes(estimate.sequentialMs),
    ...(estimate.parallelMs !== undefined ? { parallelMin: minutes(estimate.parallelMs), parallelShareOfSequential: Math.round((estimate.parallelMs / estimate.sequentialMs) * 1000) / 1000 } : {}),
    setupMin: minutes(estimate.setupMs),
    assumptions: estimate.assumptions,
  };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = await parseBenchArgs(argv, process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text + '\n');
    return ExitCode.ok;
  }
  if (parsed.planOnly) {
    const { previewAwsSpend, planWarnings } = await import('../../bench/plan-estimate.ts');
    const wallTime = wallTimeJson(parsed.plan);
    const spend = await previewAwsSpend(parsed.plan);
    const warnings = planWarnings(Number(wallTime['estimateMin']) * 60_000, spend);
    const awsSpend = spend ? { awsSpend: { estimateUsd: spend.totalUsd, capUsd: spend.capUsd, pricesAsOf: spend.pricesAsOf, source: 'snapshot' } } : {};
    process.stdout.write(JSON.stringify({ ...planToJson(parsed.plan), wallTime, ...awsSpend, ...(warnings.length > 0 ? { warnings } : {}) }, null, 2) + '\n');
    // The same in words on stderr, so stdout stays one JSON document.
    process.stderr.write(`lmi-bench: wall time about ${wallTime['estimateMin']} min${spend ? `\n${spend.text}` : ''}\n`);
    for (const warning of warnings) process.stderr.write(`lmi-bench: warning: ${warning}\n`);
    return ExitCode.ok;
  }
  // --profile is AWS_PROFILE for this run: the SDK clients and the CDK child processes read it.
  if (parsed.plan.awsProfile !== undefined) process.env['AWS_PROFILE'] = parsed.plan.awsProfile;
  const { runBench } = await import('../../bench/run-bench.ts');
  return runBench(parsed.plan, { quiet: parsed.quiet });
}
