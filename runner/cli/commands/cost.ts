/** `lmi-bench cost lambda | lmi | crossover`: prices on stdout as JSON. */
import { ExitCode, UsageError } from '../../errors.ts';
import { costCrossover, crossoverHelp } from '../../cost/command-crossover.ts';
import { costLambda, lambdaHelp } from '../../cost/command-lambda.ts';
import { costLmi, lmiHelp } from '../../cost/command-lmi.ts';

const subcommands: Record<string, { run(argv: string[]): Promise<string>; help: string }> = {
  lambda: { run: costLambda, help: lambdaHelp },
  lmi: { run: costLmi, help: lmiHelp },
  crossover: { run: costCrossover, help: crossoverHelp },
};

const usage = `usage: lmi-bench cost <lambda | lmi | crossover> [options]   (lmi-bench cost <sub> --help)

  lambda     price a month of standard Lambda usage
  lmi        price LMI instance-hours and requests
  crossover  where LMI and Lambda cost the same, from a run's measurements`;

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('cost needs a subcommand: lambda, lmi or crossover (lmi-bench cost --help)');
  if (name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return ExitCode.ok;
  }
  const sub = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!sub) throw new UsageError(`unknown cost subcommand '${name}' (expected lambda, lmi or crossover)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(sub.help + '\n');
    return ExitCode.ok;
  }
  process.stdout.write(await sub.run(rest));
  return ExitCode.ok;
}
