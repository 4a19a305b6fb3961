/** `lmi-bench cost lambda`: a month of standard Lambda usage, priced. */
import { lambdaCost } from '../../cost/lambda-cost.ts';
import { pricesFor } from '../../cost/prices-for.ts';
import { flagHelp, switchFlag, valueFlag } from '../flag-reader.ts';
import { parseArchitecture, parseInteger, parsePositive, parseRegion } from '../values.ts';
import { requireFlag, runCostSubcommand } from './cost-output.ts';

import { lambdaDiscountFlag, refusedDiscountFlag } from './capacity-flags.ts';
export const lambdaFlags = {
  requests: valueFlag({ value: 'N', help: 'requests in the month (> 0)', parse: (raw, label) => parsePositive(label, raw, { integer: true }) }),
  'duration-ms': valueFlag({ value: 'D', help: 'mean duration per request; billed rounded up to the next 1 ms (> 0)', parse: (raw, label) => parsePositive(label, raw) }),
  'memory-mb': valueFlag({ value: 'M', help: 'function memory, 128–10240', parse: (raw, label) => parseInteger(label, raw, { min: 128, max: 10240 }) }),
  arch: valueFlag({ value: 'A', help: 'x86_64 or arm64 (amd64 and aarch64 work too)', default: 'x86_64', parse: (raw, label) => parseArchitecture(label, raw) }),
  'ephemeral-mb': valueFlag({ value: 'E', help: 'ephemeral storage, 512–10240 (512 free)', defaultText: '512', parse: (raw, label) => parseInteger(label, raw, { min: 512, max: 10240 }) }),
  'free-tier': switchFlag({ help: 'subtract the monthly free tier (1M requests, 400,000 GB-s)' }),
  'lambda-discount': lambdaDiscountFlag,
  discount: refusedDiscountFlag,
  region: valueFlag({ value: 'R', help: 'price region', default: 'us-east-1', parse: (raw, label) => parseRegion(label, raw) }),
  offline: switchFlag({ help: 'use the committed price snapshot' }),
};

const help = `usage: lmi-bench cost lambda --requests N --duration-ms D --memory-mb M [options]

Prices N requests (a month's volume: the GB-second tiers are monthly) on standard Lambda.
${flagHelp(lambdaFlags)}`;

export function run(argv: string[]): Promise<number> {
  return runCostSubcommand(argv, lambdaFlags, help, async (flags) => {
    const requests = requireFlag(flags.requests, 'requests');
    const durationMs = requireFlag(flags['duration-ms'], 'duration-ms');
    const memoryMb = requireFlag(flags['memory-mb'], 'memory-mb');
    const ephemeralMb = flags['ephemeral-mb'];
    const prices = await pricesFor(flags.region, flags.offline);
    const cost = lambdaCost(
      {
        requests,
        billedDurationMs: durationMs,
        memoryMb,
        architecture: flags.arch,
        ...(ephemeralMb === undefined ? {} : { ephemeralMb }),
        freeTier: flags['free-tier'],
        durationDiscount: flags['lambda-discount'],
      },
      prices,
    );
    return { ...cost, prices: prices.provenance };
  });
}
