/** `lmi-bench bench-engine [--duration S] [--concurrency N] [--warmup S]`: the local engine's own overhead, as a table. */
import { ExitCode } from '../../errors.ts';
import { defaultWarmupSec, runBenchEngine } from '../../bench-engine/run-bench-engine.ts';
import { formatTable } from '../../bench-engine/table.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseDecimal, parseInteger } from '../values.ts';

export const benchEngineFlags = {
  duration: valueFlag({ value: 'S', help: 'seconds of load per measurement, 1-600', default: '10', parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 600 }) }),
  concurrency: valueFlag({ value: 'N', help: 'concurrent connections, 1-1000', default: '64', parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 1000 }) }),
  warmup: valueFlag({
    value: 'S',
    help: 'seconds of discarded load before each measurement, 0-60 (0: a quick run, its figures include cold-start JIT)',
    default: String(defaultWarmupSec),
    parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: 60 }),
  }),
};

const help = `usage: lmi-bench bench-engine [--duration S] [--concurrency N] [--warmup S]

Measures the local engine against a bare node:http server on this machine: requests/s and
p50/p99 of a no-op handler in standard and LMI mode, the latency the engine adds to io-bound,
all at --concurrency (the targets are stated at 64, the default), and memory per environment
(Node.js: the PSS of its process, which counts the node binary shared by every environment once;
Python: resident memory).

options:
${flagHelp(benchEngineFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, benchEngineFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const durationSec = line.values.duration;
  const concurrency = line.values.concurrency;
  const started = Date.now();
  const rows = await runBenchEngine({
    durationSec,
    concurrency,
    warmupSec: line.values.warmup,
    onStep: (what) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}\n`),
  });
  process.stdout.write(formatTable(rows) + '\n');
  return ExitCode.ok;
}
