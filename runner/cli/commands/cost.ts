/** `lmi-bench cost lambda | lmi | crossover`: prices on stdout as JSON. */
import { ExitCode, UsageError } from '../../errors.ts';
import type { CommandModule } from '../main.ts';

// Loaded on demand: `cost lambda` should not pay for the CloudWatch client `crossover` may need.
const subcommands: Record<string, () => Promise<CommandModule>> = {
  lambda: () => import('./cost-lambda.ts'),
  lmi: () => import('./cost-lmi.ts'),
  crossover: () => import('./cost-crossover.ts'),
};

const usage = `usage: lmi-bench cost <lambda | lmi | crossover> [options]   (lmi-bench cost <sub> --help)
       lmi-bench cost --list-instance-types [--region R] [--arch A] [--lmi-discount F] [--json]

  lambda                 price a month of standard Lambda usage
  lmi                    price LMI instance-hours and requests
  crossover              where LMI and Lambda cost the same, from a run's measurements
  --list-instance-types  the instance types LMI is priced on, with shape and hourly price`;

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('cost needs a subcommand: lambda, lmi or crossover (lmi-bench cost --help)');
  if (name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return ExitCode.ok;
  }
  if (name === '--list-instance-types') return (await import('./cost-instance-types.ts')).run(rest);
  const load = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!load) throw new UsageError(`unknown cost subcommand '${name}' (expected lambda, lmi or crossover)`);
  return (await load()).run(rest);
}
