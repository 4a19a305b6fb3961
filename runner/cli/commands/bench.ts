/**
 * `lmi-bench bench`: flags to a validated plan, then the run (runner/bench/run-bench.ts).
 * The pipeline is loaded only after the plan is valid, so --help, --plan-only and bad input
 * answer without loading the load generator, the SDK clients or the report renderer.
 */
import { ExitCode } from '../../errors.ts';
import { parseBenchArgs } from '../../plan/parse.ts';
import { planToJson } from '../../plan/plan-json.ts';

export async function run(argv: string[]): Promise<number> {
  const parsed = await parseBenchArgs(argv, process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text + '\n');
    return ExitCode.ok;
  }
  if (parsed.planOnly) {
    process.stdout.write(JSON.stringify(planToJson(parsed.plan), null, 2) + '\n');
    return ExitCode.ok;
  }
  const { runBench } = await import('../../bench/run-bench.ts');
  return runBench(parsed.plan);
}
