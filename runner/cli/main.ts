import { ExitCode, InterruptedError, UsageError } from '../errors.ts';

/**
 * Each command lives in its own module under ./commands and exports
 * `run(argv: string[]): Promise<number>` returning the exit code.
 * Modules are loaded on demand so that `lmi-bench cost` does not pay for loading CDK or vega.
 */
const commands: Record<string, { module: string; summary: string }> = {
  bench: { module: './commands/bench.ts', summary: 'measure a workload on standard Lambda and LMI (default command)' },
  report: { module: './commands/report.ts', summary: 'render report.html and summary.md for a finished run' },
  check: { module: './commands/check.ts', summary: 'compare a candidate run against a baseline (CI regression gate)' },
  baseline: { module: './commands/baseline.ts', summary: 'save a run as the regression baseline' },
  cost: { module: './commands/cost.ts', summary: 'price a workload: lambda | lmi | crossover' },
  deploy: { module: './commands/deploy.ts', summary: 'deploy the bench stack to AWS' },
  destroy: { module: './commands/destroy.ts', summary: 'remove the bench stack from AWS' },
  engine: { module: './commands/engine.ts', summary: 'run the embedded local engine in the foreground' },
  'bench-engine': { module: './commands/bench-engine.ts', summary: "the local engine's own overhead benchmark" },
  'prices-refresh': { module: './commands/prices-refresh.ts', summary: 'rebuild the offline price snapshot from the Price List API' },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: lmi-bench <command> [options]   (lmi-bench <command> --help for its options)', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage() + '\n');
    return ExitCode.ok;
  }
  // `bench` is the default command: `lmi-bench --workload io-bound` and `lmi-bench io-bound` both bench.
  const isCommand = first !== undefined && Object.hasOwn(commands, first);
  const name = isCommand ? first : 'bench';
  const args = isCommand ? rest : argv;
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`lmi-bench: unknown command '${name}'\n`);
    return ExitCode.usage;
  }
  try {
    const mod = (await import(entry.module)) as { run(argv: string[]): Promise<number> };
    return await mod.run(args);
  } catch (error) {
    return reportFailure(error);
  }
}

export function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`lmi-bench: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof InterruptedError) {
    process.stderr.write(`lmi-bench: interrupted${error.message ? `: ${error.message}` : ''}\n`);
    return ExitCode.interrupted;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lmi-bench: ${message}\n`);
  if (process.env['LMI_BENCH_DEBUG'] && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  return ExitCode.usage;
}
