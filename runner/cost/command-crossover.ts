/**
 * `lmi-bench cost crossover`: from a finished run's measurements, the request rates where LMI
 * and standard Lambda cost the same, each level's cost, and a month of a traffic profile on both.
 * The run file is only read.
 */
import { UsageError } from '../errors.ts';
import { benchDefaults } from '../plan/defaults.ts';
import { readRunFile } from '../run/write-run.ts';
import type { RunFile } from '../run/run-file.ts';
import { attachCosts } from './attach.ts';
import { architecture, bounded, json, optionalText, parseFlags, positive, requiredText } from './cli-args.ts';
import { hoursPerMonth } from './numbers.ts';
import { parseProfileSpec } from './profiles.ts';
import { pricesFor } from './prices-for.ts';
import type { Architecture, TrafficProfile } from '../domain.ts';

export const crossoverHelp = `usage: lmi-bench cost crossover --run results/<id>/run.json [options]

The rates (requests/s) where LMI and standard Lambda cost the same, from the run's measurements.
  --run FILE               run.json (or its folder) of a finished bench run
  --profile SPEC           traffic for the monthly projection: constant:RPS | diurnal:PEAK_RPS:TROUGH_RPS | csv:FILE
                           (csv: one per-minute request count per line, or timestamp,count)
  --from-function NAME     use a real function's per-minute Invocations from CloudWatch as the profile
    --days N               history to read, 1–15 (default 7; CloudWatch keeps 1-minute data 15 days)
    --endpoint URL         CloudWatch endpoint override (e.g. the local engine's control URL)
  --discount F             commitment discount on LMI's EC2 part, 0–1 (default: the run's)
  --instance-type T        LMI instance type (default: the run's)
  --arch A                 Lambda architecture x86_64 | arm64 (default: the run's)
  --free-tier              apply Lambda's monthly free tier
  --min-instances N        LMI minimum instances (default 3)
  --min-environments N     LMI minimum execution environments (default: the run's)
  --rate-decimals N        round the discounted EC2 rate to N decimals
  --region R               price region (default: the run's)
  --offline                use the committed price snapshot`;

export async function costCrossover(argv: string[]): Promise<string> {
  const flags = parseFlags(
    argv,
    {
      run: { type: 'string' },
      profile: { type: 'string' },
      'from-function': { type: 'string' },
      days: { type: 'string' },
      endpoint: { type: 'string' },
      discount: { type: 'string' },
      'instance-type': { type: 'string' },
      arch: { type: 'string' },
      'free-tier': { type: 'boolean' },
      'min-instances': { type: 'string' },
      'min-environments': { type: 'string' },
      'rate-decimals': { type: 'string' },
      region: { type: 'string' },
      offline: { type: 'boolean' },
    },
    'crossover',
  );
  const run = readRunFile(requiredText(flags, 'run'));
  const planned = planSettings(run);
  const region = optionalText(flags, 'region') ?? planned.region;
  const minInstances = bounded(flags, 'min-instances', 0, 15000, true);
  const rateDecimals = bounded(flags, 'rate-decimals', 0, 10, true);
  const options = {
    lambdaDiscount: 0,
    lmiDiscount: bounded(flags, 'discount', 0, 0.72) ?? planned.discount,
    freeTier: flags['free-tier'] === true || planned.freeTier,
    architecture: architecture(flags) ?? planned.architecture,
    instanceType: optionalText(flags, 'instance-type') ?? planned.instanceType,
    minEnvironments: bounded(flags, 'min-environments', 0, 15000, true) ?? planned.minEnvironments,
    ...(minInstances === undefined ? {} : { minInstances }),
    ...(rateDecimals === undefined ? {} : { rateDecimals }),
  };
  const profile = await profileFrom(flags, region);
  const prices = await pricesFor(region, flags['offline'] === true || planned.offline);
  const priced = attachCosts(run, prices, { ...options, ...(profile ? { profile } : {}) });
  if (!priced.crossover) {
    throw new UsageError(`run ${run.runId} has no measured level with successful requests for both lambda and lmi, so there is no crossover to compute`);
  }
  const { curve, ...crossover } = priced.crossover;
  return json({
    runId: run.runId,
    crossover,
    levels: priced.levels.flatMap((level) =>
      level.state === 'measured' && level.cost
        ? [{ mode: level.mode, variantId: level.variantId, concurrency: level.concurrency, throughputRps: level.throughputRps, ...level.cost, usdPerMonth: level.cost.usdPerHour * hoursPerMonth }]
        : [],
    ),
    curve,
    options,
    prices: priced.prices,
  });
}

async function profileFrom(flags: Record<string, string | boolean | undefined>, region: string): Promise<TrafficProfile | undefined> {
  const spec = optionalText(flags, 'profile');
  const functionName = optionalText(flags, 'from-function');
  if (spec !== undefined && functionName !== undefined) throw new UsageError('give either --profile or --from-function, not both');
  if (spec !== undefined) return parseProfileSpec(spec);
  if (functionName === undefined) {
    for (const name of ['days', 'endpoint']) if (flags[name] !== undefined) throw new UsageError(`--${name} only applies with --from-function`);
    return undefined;
  }
  const endpoint = optionalText(flags, 'endpoint');
  // Loaded only here: the CloudWatch client and credential providers are heavy to import.
  const { findAwsCredentials } = await import('../plan/aws-credentials.ts');
  const { invocationHistory } = await import('./function-history.ts');
  const credentials = await findAwsCredentials(process.env);
  if (!credentials && !endpoint) throw new UsageError('--from-function reads CloudWatch and needs AWS credentials (or --endpoint for the local engine)');
  return invocationHistory({
    functionName,
    region,
    days: positive(flags, 'days', { integer: true }) ?? 7,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

interface PlannedSettings {
  region: string;
  architecture: Architecture;
  instanceType: string;
  minEnvironments: number;
  discount: number;
  freeTier: boolean;
  offline: boolean;
}

/** The price settings the run was made with (run.plan), falling back to the bench defaults. */
function planSettings(run: RunFile): PlannedSettings {
  const plan = run.plan;
  const section = (name: string): Record<string, unknown> => {
    const value = plan[name];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const str = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
  const num = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
  const lambda = section('lambda');
  const lmi = section('lmi');
  const pricing = section('pricing');
  const arch = lambda['architecture'];
  return {
    region: str(plan['region'], benchDefaults.region),
    architecture: arch === 'arm64' ? 'arm64' : 'x86_64',
    instanceType: str(lmi['instanceType'], benchDefaults.lmi.instanceType),
    minEnvironments: num(lmi['minEnvironments'], benchDefaults.lmi.minEnvironments),
    discount: num(pricing['discount'], benchDefaults.pricing.discount),
    freeTier: bool(pricing['freeTier'], benchDefaults.pricing.freeTier),
    offline: bool(pricing['offline'], benchDefaults.pricing.offline),
  };
}
