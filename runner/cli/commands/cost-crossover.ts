/**
 * `lmi-bench cost crossover`: from a finished run's measurements, the request rates where LMI
 * and standard Lambda cost the same, each level's cost, and a month of a traffic profile on both.
 * The run file is only read.
 */
import { UsageError } from '../../errors.ts';
import type { TrafficProfile } from '../../domain.ts';
import { attachCosts } from '../../cost/attach.ts';
import { costOptionsFromPlan } from '../../cost/plan-cost-options.ts';
import { hoursPerMonth } from '../../system/numbers.ts';
import { defaultHistoryDays, readFunctionTraffic, readTrafficSpec } from '../../traffic/read-traffic.ts';
import { pricesFor } from '../../cost/prices-for.ts';
import { readRunFile } from '../../run/read-run.ts';
import { readPlanJson } from '../../run/plan-json.ts';
import { flagHelp, switchFlag, valueFlag, type Flag, type FlagValues } from '../flag-reader.ts';
import { parseArchitecture, parseAwsProfile, parseInteger, parseRegion, parseText } from '../values.ts';
import {
  functionsPerProviderFlag,
  instanceTypesFlag,
  lambdaDiscountFlag,
  lmiDiscountFlag,
  refusedDiscountFlag,
  reserveGibFlag,
  reserveVcpuFlag,
  scaleInDelayFlag,
  scaleOutDelayFlag,
} from './capacity-flags.ts';
import { requireFlag, runCostSubcommand } from './cost-output.ts';

export const crossoverFlags = {
  run: valueFlag({ value: 'FILE', help: 'run.json (or its folder) of a finished bench run', parse: (raw, label) => parseText(label, raw) }),
  traffic: valueFlag({
    value: 'SPEC',
    help: 'traffic for the monthly projection: constant:RPS | diurnal:PEAK_RPS:TROUGH_RPS | csv:FILE | cloudwatch:FUNCTION (csv: one per-minute request count per line, or timestamp,count)',
    parse: (raw, label) => parseText(label, raw),
  }),
  'from-function': valueFlag({ value: 'NAME', help: "use a real function's per-minute Invocations from CloudWatch as the traffic", parse: (raw, label) => parseText(label, raw) }),
  profile: valueFlag({ value: 'NAME', help: 'with --from-function or --traffic cloudwatch:FUNCTION: AWS credentials profile (as in the AWS CLI)', parse: (raw, label) => parseAwsProfile(label, raw) }),
  days: valueFlag({
    value: 'N',
    help: 'with --from-function or --traffic cloudwatch:FUNCTION: history to read, 1–15 (CloudWatch keeps 1-minute data 15 days)',
    defaultText: String(defaultHistoryDays),
    parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 15 }),
  }),
  endpoint: valueFlag({ value: 'URL', help: "with --from-function or --traffic cloudwatch:FUNCTION: CloudWatch endpoint override (e.g. the local engine's control URL)", parse: (raw, label) => parseText(label, raw) }),
  'lmi-discount': { ...lmiDiscountFlag, default: undefined, defaultText: "the run's" } as Flag<number, number | undefined>,
  'lambda-discount': { ...lambdaDiscountFlag, default: undefined, defaultText: "the run's" } as Flag<number, number | undefined>,
  discount: refusedDiscountFlag,
  'instance-type': valueFlag({ value: 'T', help: 'pin LMI to one instance type', defaultText: "the run's", parse: (raw, label) => parseText(label, raw) }),
  'instance-types': instanceTypesFlag,
  'functions-per-provider': { ...functionsPerProviderFlag, default: undefined, defaultText: "the run's, else 1" } as Flag<number, number | undefined>,
  'instance-reserve-vcpu': { ...reserveVcpuFlag, default: undefined, defaultText: "the run's, else 0" } as Flag<number, number | undefined>,
  'instance-reserve-gib': { ...reserveGibFlag, default: undefined, defaultText: "the run's, else 0" } as Flag<number, number | undefined>,
  'scale-out-delay-min': scaleOutDelayFlag,
  'scale-in-delay-min': scaleInDelayFlag,
  arch: valueFlag({ value: 'A', help: 'Lambda architecture x86_64 | arm64', defaultText: "the run's", parse: (raw, label) => parseArchitecture(label, raw) }),
  'free-tier': switchFlag({ help: "apply Lambda's monthly free tier", defaultText: "the run's" }),
  'min-instances': valueFlag({ value: 'N', help: 'LMI minimum instances', defaultText: '3', parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 15000 }) }),
  'min-environments': valueFlag({ value: 'N', help: 'LMI minimum execution environments', defaultText: "the run's", parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 15000 }) }),
  'rate-decimals': valueFlag({ value: 'N', help: 'round the discounted EC2 rate to N decimals', defaultText: 'no rounding', parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 10 }) }),
  region: valueFlag({ value: 'R', help: 'price region', defaultText: "the run's", parse: (raw, label) => parseRegion(label, raw) }),
  offline: switchFlag({ help: 'use the committed price snapshot' }),
};

type CrossoverFlags = FlagValues<typeof crossoverFlags>;

const help = `usage: lmi-bench cost crossover --run results/<id>/run.json [options]

The rates (requests/s) where LMI and standard Lambda cost the same, from the run's measurements.
${flagHelp(crossoverFlags)}`;

export function run(argv: string[]): Promise<number> {
  return runCostSubcommand(argv, crossoverFlags, help, crossover);
}

async function crossover(flags: CrossoverFlags): Promise<unknown> {
  const runPath = requireFlag(flags.run, 'run');
  const run = readRunFile(runPath, { label: '--run' });
  // The price settings the run was made with; the flags override them.
  const plan = readPlanJson(run.plan, runPath);
  // The run's own traffic is not the projection's: --traffic or --from-function give that.
  const planned = costOptionsFromPlan({ ...plan, traffic: undefined });
  const region = flags.region ?? plan.region;
  const minInstances = flags['min-instances'];
  const rateDecimals = flags['rate-decimals'];
  const instanceType = flags['instance-type'] ?? (flags['instance-types'] ? undefined : planned.instanceType);
  const instanceTypes = flags['instance-types'] ?? planned.instanceTypes;
  const options = {
    lambdaDiscount: flags['lambda-discount'] ?? planned.lambdaDiscount,
    lmiDiscount: flags['lmi-discount'] ?? planned.lmiDiscount,
    freeTier: flags['free-tier'] || planned.freeTier,
    architecture: flags.arch ?? planned.architecture,
    ...(instanceType === undefined ? {} : { instanceType }),
    ...(instanceTypes === undefined ? {} : { instanceTypes }),
    minEnvironments: flags['min-environments'] ?? planned.minEnvironments,
    functionsPerProvider: flags['functions-per-provider'] ?? planned.functionsPerProvider,
    reservation: { vcpus: flags['instance-reserve-vcpu'] ?? planned.reservation.vcpus, memoryGiB: flags['instance-reserve-gib'] ?? planned.reservation.memoryGiB },
    lag: { scaleOutDelayMin: flags['scale-out-delay-min'], scaleInDelayMin: flags['scale-in-delay-min'] },
    ...(minInstances === undefined ? {} : { minInstances }),
    ...(rateDecimals === undefined ? {} : { rateDecimals }),
  };
  const profile = await profileFrom(flags, region);
  const prices = await pricesFor(region, flags.offline || plan.pricing.offline);
  const priced = attachCosts(run, prices, { ...options, ...(profile ? { profile } : {}) });
  if (!priced.crossover) {
    throw new UsageError(`run ${run.runId} has no measured level with successful requests for both lambda and lmi, so there is no crossover to compute`);
  }
  const { curve, ...crossover } = priced.crossover;
  return {
    runId: run.runId,
    crossover,
    levels: priced.levels.flatMap((level) =>
      level.state === 'measured' && level.cost
        ? [{ mode: level.mode, variantId: level.variantId, concurrency: level.concurrency, throughputRps: level.throughputRps, ...level.cost, usdPerMonth: level.cost.usdPerHour * hoursPerMonth }]
        : [],
    ),
    curve,
    options,
    instanceChoice: priced.instanceChoice,
    prices: priced.prices,
  };
}

async function profileFrom(flags: CrossoverFlags, region: string): Promise<TrafficProfile | undefined> {
  const spec = flags.traffic;
  const functionName = flags['from-function'];
  if (spec !== undefined && functionName !== undefined) throw new UsageError('give either --traffic or --from-function, not both');
  const access = { region, endpoint: flags.endpoint, env: flags.profile === undefined ? process.env : { ...process.env, AWS_PROFILE: flags.profile }, days: flags.days, endpointFlag: true };
  if (spec !== undefined) return readTrafficSpec(spec, process.cwd(), { ...access, flag: '--traffic' });
  if (functionName === undefined) {
    for (const name of ['days', 'endpoint', 'profile'] as const) if (flags[name] !== undefined) throw new UsageError(`--${name} only applies with --from-function or --traffic cloudwatch:FUNCTION`);
    return undefined;
  }
  return readFunctionTraffic(functionName, { ...access, askedAs: `--from-function ${functionName}` });
}
