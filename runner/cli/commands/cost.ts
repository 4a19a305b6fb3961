/** `lmi-bench cost lambda | lmi | crossover`: prices on stdout as JSON. */
import { ExitCode, UsageError } from '../../errors.ts';

interface Subcommand {
  run(argv: string[]): Promise<string>;
  help: string;
}

// Loaded on demand: `cost lambda` should not pay for the CloudWatch client `crossover` may need.
const subcommands: Record<string, () => Promise<Subcommand>> = {
  lambda: async () => {
    const m = await import('../../cost/command-lambda.ts');
    return { run: m.costLambda, help: m.lambdaHelp };
  },
  lmi: async () => {
    const m = await import('../../cost/command-lmi.ts');
    return { run: m.costLmi, help: m.lmiHelp };
  },
  crossover: async () => {
    const m = await import('../../cost/command-crossover.ts');
    return { run: m.costCrossover, help: m.crossoverHelp };
  },
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
  const load = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!load) throw new UsageError(`unknown cost subcommand '${name}' (expected lambda, lmi or crossover)`);
  const sub = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(sub.help + '\n');
    return ExitCode.ok;
  }
  process.stdout.write(await sub.run(rest));
  return ExitCode.ok;
}
