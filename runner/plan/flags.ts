/**
 * The flags of `lmi-bench bench`: one table feeds the parser, the npm spelling logic and --help.
 */
import { benchDefaults, benchLimits } from './defaults.ts';

export interface BenchFlag {
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder in --help, e.g. `LIST`. */
  value?: string;
  help: string;
  /** The default as --help shows it. */
  defaultText?: string;
}

const d = benchDefaults;
const list = (values: readonly number[]): string => values.join(',');

export const benchFlags: BenchFlag[] = [
  { name: 'workload', type: 'string', value: 'NAME|DIR', help: 'built-in workload name or a workload folder (also the bare argument)', defaultText: d.workload },
  { name: 'runtime', type: 'string', value: 'node|python', help: 'handler runtime; the workload must offer it', defaultText: d.runtime },
  { name: 'target', type: 'string', value: 'local|aws', help: 'local engine, or the CDK stack in your AWS account', defaultText: d.target },
  { name: 'modes', type: 'string', value: 'LIST', help: 'compute types to measure: lambda, lmi', defaultText: d.modes.join(',') },
  { name: 'concurrency', type: 'string', value: 'LIST', help: 'concurrency levels (closed-loop connections), whole numbers', defaultText: list(d.concurrency) },
  { name: 'duration', type: 'string', value: 'SEC', help: 'measured seconds per trial', defaultText: String(d.durationSec) },
  { name: 'warmup', type: 'string', value: 'SEC', help: 'warm-up seconds per level, discarded (0 for none)', defaultText: String(d.warmupSec) },
  { name: 'trials', type: 'string', value: 'N', help: 'trials per level', defaultText: String(d.trials) },
  { name: 'memory', type: 'string', value: 'MB', help: `standard Lambda memory, ${benchLimits.lambdaMemoryMb.min}-${benchLimits.lambdaMemoryMb.max}`, defaultText: "the workload's memoryMb" },
  { name: 'lmi-memory', type: 'string', value: 'MB', help: `LMI function memory, at least ${benchLimits.lmiMemoryMb.min}`, defaultText: `max(${d.lmi.minMemoryMb}, the workload's memoryMb, 1024 × the largest --lmi-gib-per-vcpu)` },
  {
    name: 'lmi-max-concurrency',
    type: 'string',
    value: 'LIST',
    help: `PerExecutionEnvironmentMaxConcurrency values to sweep, ${benchLimits.lmiMaxConcurrency.min}-${benchLimits.lmiMaxConcurrency.max}`,
    defaultText: `${d.lmi.maxConcurrencyPerVcpu.node} (node) / ${d.lmi.maxConcurrencyPerVcpu.python} (python) per vCPU of an environment`,
  },
  {
    name: 'lmi-gib-per-vcpu',
    type: 'string',
    value: 'LIST',
    help: `ExecutionEnvironmentMemoryGiBPerVCpu values to sweep, ${benchLimits.lmiGibPerVcpu.min}-${benchLimits.lmiGibPerVcpu.max}`,
    defaultText: list(d.lmi.gibPerVcpu),
  },
  { name: 'lmi-min-environments', type: 'string', value: 'N', help: 'LMI minimum execution environments', defaultText: String(d.lmi.minEnvironments) },
  { name: 'instance-type', type: 'string', value: 'TYPE', help: 'EC2 instance type of the LMI capacity provider', defaultText: d.lmi.instanceType },
  { name: 'max-vcpus', type: 'string', value: 'N', help: `capacity provider MaxVCpuCount, ${benchLimits.maxVcpus.min}-${benchLimits.maxVcpus.max}`, defaultText: String(d.lmi.maxVcpus) },
  { name: 'concurrency-limit', type: 'string', value: 'N', help: 'standard Lambda concurrency limit (429 above it)', defaultText: String(d.lambda.concurrencyLimit) },
  { name: 'idle-timeout', type: 'string', value: 'SEC', help: 'local engine: seconds an idle standard-Lambda environment is kept', defaultText: String(d.lambda.idleTimeoutSec) },
  { name: 'timeout', type: 'string', value: 'SEC', help: `function timeout, ${benchLimits.timeoutSec.min}-${benchLimits.timeoutSec.max}`, defaultText: String(d.timeoutSec) },
  { name: 'arch', type: 'string', value: 'x86_64|arm64', help: 'architecture of both compute types; must match the instance type', defaultText: "the instance type's" },
  { name: 'region', type: 'string', value: 'REGION', help: 'AWS region (prices and the aws target)', defaultText: d.region },
  { name: 'offline', type: 'boolean', help: 'use the committed price snapshot, never the Price List API', defaultText: 'off' },
  { name: 'discount', type: 'string', value: '0-1', help: 'commitment discount on LMI EC2 instances (Savings Plans / RIs)', defaultText: String(d.pricing.discount) },
  { name: 'free-tier', type: 'boolean', help: 'apply the standard Lambda free tier', defaultText: 'off' },
  { name: 'event', type: 'string', value: 'JSON|@FILE', help: 'request body: a JSON object, or @path to a JSON file', defaultText: "the workload's event" },
  {
    name: 'profile',
    type: 'string',
    value: 'SPEC',
    help: 'your traffic, projected to a month on both compute types: constant:RPS | diurnal:PEAK_RPS:TROUGH_RPS | csv:FILE (per-minute counts)',
    defaultText: 'none',
  },
  { name: 'slo-p99-ms', type: 'string', value: 'MS', help: 'p99 objective for the LMI settings recommendation of a sweep', defaultText: 'none: the cheapest without throttles' },
  { name: 'out', type: 'string', value: 'DIR', help: 'results folder; the run goes to DIR/<run-id>', defaultText: d.out },
  { name: 'run-id', type: 'string', value: 'ID', help: 'name of the run folder (letters, digits, . _ -)', defaultText: '<UTC time>-<workload>-<runtime>' },
  { name: 'keep', type: 'boolean', help: 'aws: keep the stack after the run', defaultText: 'off' },
  { name: 'max-spend', type: 'string', value: 'USD', help: 'aws: refuse to run when the estimated cost is higher', defaultText: String(d.aws.maxSpendUsd) },
  { name: 'plan-only', type: 'boolean', help: 'print the resolved plan as JSON and exit' },
  { name: 'help', type: 'boolean', help: 'show this help (through npm: npm run bench -- --help)' },
];

export function benchHelpText(): string {
  const shown = benchFlags.map((flag) => ({ left: `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`, flag }));
  const width = Math.max(...shown.map((s) => s.left.length));
  const lines = shown.map(({ left, flag }) => `  ${left.padEnd(width)}  ${flag.help}${flag.defaultText ? ` (default: ${flag.defaultText})` : ''}`);
  return [
    'usage: lmi-bench bench [WORKLOAD] [options]',
    '       npm run bench --workload io-bound | --workload=io-bound | -- --workload io-bound | io-bound',
    '',
    'Measures a workload on standard Lambda and on Lambda Managed Instances at each concurrency level,',
    'prices both, and writes <out>/<run-id>/{run.json, report.html, summary.md}.',
    'Lists are comma-separated (1,8,32); LMI lists are swept as every combination.',
    '',
    'options:',
    ...lines,
  ].join('\n');
}
