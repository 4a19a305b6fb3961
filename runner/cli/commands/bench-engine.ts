/** `lmi-bench bench-engine [--duration S] [--concurrency N]`: the local engine's own overhead, as a table. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.ts';
import { runBenchEngine } from '../../bench-engine/run-bench-engine.ts';
import { formatTable } from '../../bench-engine/table.ts';

const help = `usage: lmi-bench bench-engine [--duration S] [--concurrency N]

Measures the local engine against a bare node:http server on this machine: requests/s and
p50/p99 of a no-op handler in standard and LMI mode, the latency the engine adds to io-bound
at concurrency 64, and resident memory per environment. Defaults: --duration 10 --concurrency 64.`;

function wholeNumber(raw: string | undefined, flag: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max} (got ${raw})`);
  return value;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { duration: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  const durationSec = wholeNumber(values.duration, '--duration', 10, 600);
  const concurrency = wholeNumber(values.concurrency, '--concurrency', 64, 1000);
  const started = Date.now();
  const rows = await runBenchEngine({
    durationSec,
    concurrency,
    onStep: (what) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}\n`),
  });
  process.stdout.write(formatTable(rows) + '\n');
  return 0;
}
