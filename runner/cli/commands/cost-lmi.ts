/**
 * `lmi-bench cost lmi`: a fixed fleet priced (--instances), or the what-if: the fleet the sizing
 * model gives a sustained rate (--rps, --cpu-ms, --duration-ms) and what an hour of it costs.
 */
import { UsageError } from '../../errors.ts';
import { lmiCost } from '../../cost/lmi-cost.ts';
import { instancePrice } from '../../pricing/lookup.ts';
import { pricesFor } from '../../cost/prices-for.ts';
import { lmiWhatIf } from '../../cost/what-if.ts';
import { candidateTypeNames } from '../../cost/candidates.ts';
import { instanceChoice } from '../../cost/instance-choice.ts';
import { benchDefaults, benchLimits, defaultLmiMaxConcurrency } from '../../plan/defaults.ts';
import { instanceShape } from '../../pricing/instance-types.ts';
import { runtimes } from '../../runtimes/registry.ts';
import { flagHelp, switchFlag, valueFlag } from '../flag-reader.ts';
import { parseArchitecture, parseChoice, parseDecimal, parseInteger, parsePositive, parseRegion, parseText } from '../values.ts';
import { functionsPerProviderFlag, instanceTypesFlag, lmiDiscountFlag, refusedDiscountFlag, reserveGibFlag, reserveVcpuFlag, targetCpuFlag } from './capacity-flags.ts';
import { requireFlag, runCostSubcommand } from './cost-output.ts';

export const lmiFlags = {
  'instance-type': valueFlag({ value: 'T', help: 'EC2 instance type of the capacity provider, e.g. m7g.xlarge', parse: (raw, label) => parseText(label, raw) }),
  instances: valueFlag({ value: 'K', help: 'instances (> 0)', parse: (raw, label) => parsePositive(label, raw, { integer: true }) }),
  hours: valueFlag({ value: 'H', help: 'hours each instance runs (> 0)', parse: (raw, label) => parsePositive(label, raw) }),
  requests: valueFlag({ value: 'N', help: 'requests served (> 0)', parse: (raw, label) => parsePositive(label, raw, { integer: true }) }),
  'lmi-discount': lmiDiscountFlag,
  discount: refusedDiscountFlag,
  rps: valueFlag({ value: 'R', help: 'what-if: sustained requests per second (sizes the fleet; no --instances)', parse: (raw, label) => parseDecimal(label, raw, { min: 0 }) }),
  'cpu-ms': valueFlag({ value: 'C', help: 'what-if: CPU milliseconds per request', parse: (raw, label) => parseDecimal(label, raw, { min: 0 }) }),
  'duration-ms': valueFlag({ value: 'D', help: 'what-if: mean duration per request, ms', parse: (raw, label) => parsePositive(label, raw) }),
  'memory-mb': valueFlag({
    value: 'MB',
    help: 'what-if: function memory',
    default: String(benchDefaults.lmi.minMemoryMb),
    parse: (raw, label) => parseInteger(label, raw, { min: benchLimits.lmiMemoryMb.min, max: 32768 }),
  }),
  'gib-per-vcpu': valueFlag({ value: 'G', help: 'what-if: ExecutionEnvironmentMemoryGiBPerVCpu', default: '2', parse: (raw, label) => parseDecimal(label, raw, benchLimits.lmiGibPerVcpu) }),
  'max-concurrency': valueFlag({
    value: 'N',
    help: 'what-if: PerExecutionEnvironmentMaxConcurrency',
    defaultText: "the runtime's per-vCPU default × the environment's vCPUs",
    parse: (raw, label) => parseInteger(label, raw, benchLimits.lmiMaxConcurrency),
  }),
  'target-cpu': targetCpuFlag,
  runtime: valueFlag({ value: 'node|python', help: 'what-if: runtime (sets the default max concurrency)', default: benchDefaults.runtime, parse: (raw, label) => parseChoice(label, raw, runtimes) }),
  arch: valueFlag({ value: 'x86_64|arm64', help: 'what-if: architecture of the candidate instance types', defaultText: "the pinned type's, else x86_64", parse: (raw, label) => parseArchitecture(label, raw) }),
  'instance-types': instanceTypesFlag,
  'functions-per-provider': functionsPerProviderFlag,
  'instance-reserve-vcpu': reserveVcpuFlag,
  'instance-reserve-gib': reserveGibFlag,
  'min-environments': valueFlag({ value: 'N', help: 'what-if: minimum execution environments', default: String(benchDefaults.lmi.minEnvironments), parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 15000 }) }),
  'rate-decimals': valueFlag({
    value: 'N',
    help: "round the discounted hourly rate to N decimals, as AWS's example does (0–10)",
    defaultText: 'no rounding',
    parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 10 }),
  }),
  'billing-granularity-sec': valueFlag({
    value: 'S',
    help: 'bill each instance time in whole S-second units (unverified for LMI)',
    defaultText: '1',
    parse: (raw, label) => parsePositive(label, raw),
  }),
  region: valueFlag({ value: 'R', help: 'price region', default: 'us-east-1', parse: (raw, label) => parseRegion(label, raw) }),
  offline: switchFlag({ help: 'use the committed price snapshot' }),
};

const help = `usage: lmi-bench cost lmi --instance-type T --instances K --hours H --requests N [options]
       lmi-bench cost lmi --rps R --cpu-ms C --duration-ms D [options]

Prices K instances of type T running H hours each, serving N requests, on LMI; or, with --rps,
sizes LMI for R requests/s (environments from CPU and slots at the scaling target, instances
from vCPUs and memory, the cheapest candidate type unless --instance-type pins one) and prices
an hour of it.
${flagHelp(lmiFlags)}`;

export function run(argv: string[]): Promise<number> {
  return runCostSubcommand(argv, lmiFlags, help, async (flags) => {
    const rateDecimals = flags['rate-decimals'];
    if (flags.rps !== undefined) {
      if (flags.instances !== undefined || flags.hours !== undefined || flags.requests !== undefined) {
        throw new UsageError('--rps sizes the fleet itself: give either --rps (with --cpu-ms and --duration-ms) or --instances with --hours and --requests');
      }
      const pinned = flags['instance-type'] === undefined ? undefined : instanceShape(flags['instance-type']);
      const architecture = flags.arch ?? pinned?.architecture ?? benchDefaults.lmi.architecture;
      const prices = await pricesFor(flags.region, flags.offline);
      const choice = { architecture, ...(pinned ? { instanceType: pinned.instanceType } : {}), ...(flags['instance-types'] ? { instanceTypes: flags['instance-types'] } : {}) };
      const whatIf = lmiWhatIf(
        {
          requestsPerSecond: flags.rps,
          cpuMsPerRequest: requireFlag(flags['cpu-ms'], 'cpu-ms'),
          durationMs: requireFlag(flags['duration-ms'], 'duration-ms'),
          memoryMb: flags['memory-mb'],
          gibPerVcpu: flags['gib-per-vcpu'],
          maxConcurrency: flags['max-concurrency'] ?? defaultLmiMaxConcurrency(flags.runtime, flags['memory-mb'], flags['gib-per-vcpu']),
          target: flags['target-cpu'] === undefined ? { mode: 'auto' } : { mode: 'manual', cpuPercent: flags['target-cpu'] },
          architecture,
          ...(pinned ? { instanceType: pinned.instanceType } : {}),
          ...(flags['instance-types'] ? { instanceTypes: flags['instance-types'] } : {}),
          lmiDiscount: flags['lmi-discount'],
          ...(rateDecimals === undefined ? {} : { rateDecimals }),
          minEnvironments: flags['min-environments'],
          functionsPerProvider: flags['functions-per-provider'],
          reservation: { vcpus: flags['instance-reserve-vcpu'], memoryGiB: flags['instance-reserve-gib'] },
        },
        prices,
      );
      const { sizing, cost } = whatIf;
      return {
        environments: whatIf.environments,
        instances: whatIf.instances,
        instanceType: whatIf.instanceType,
        usdPerHour: whatIf.usdPerHour,
        requestsUsd: cost.requestsUsd,
        ec2Usd: cost.ec2Usd,
        managementFeeUsd: cost.managementFeeUsd,
        totalUsd: cost.totalUsd,
        usdPerMonth: whatIf.usdPerHour * 730,
        ec2UsdPerHour: cost.ec2UsdPerHour,
        onDemandUsdPerHour: cost.onDemandUsdPerHour,
        managementFeeUsdPerHour: cost.managementFeeUsdPerHour,
        discount: cost.discount,
        sizing,
        instanceChoice: instanceChoice(choice, candidateTypeNames(prices, choice)),
        prices: prices.provenance,
      };
    }
    for (const name of ['cpu-ms', 'duration-ms', 'max-concurrency', 'target-cpu', 'instance-types'] as const) {
      if (flags[name] !== undefined) throw new UsageError(`--${name} applies only to the what-if (with --rps)`);
    }
    const instanceType = requireFlag(flags['instance-type'], 'instance-type');
    const instances = requireFlag(flags.instances, 'instances');
    const hours = requireFlag(flags.hours, 'hours');
    const requests = requireFlag(flags.requests, 'requests');
    const billingGranularitySec = flags['billing-granularity-sec'];
    const prices = await pricesFor(flags.region, flags.offline);
    instancePrice(prices, instanceType);
    const cost = lmiCost(
      {
        instanceType,
        instances,
        hours,
        requests,
        discount: flags['lmi-discount'],
        ...(rateDecimals === undefined ? {} : { rateDecimals }),
        ...(billingGranularitySec === undefined ? {} : { billingGranularitySec }),
      },
      prices,
    );
    const instanceChoiceOfFleet = instanceChoice({ architecture: instanceShape(instanceType).architecture, instanceType }, [instanceType]);
    return { ...cost, instanceChoice: instanceChoiceOfFleet, prices: prices.provenance };
  });
}
