/** `lmi-bench cost lambda`: a month of standard Lambda usage, priced. */
import { UsageError } from '../errors.ts';
import { architecture, bounded, json, optionalText, parseFlags, positive } from './cli-args.ts';
import { lambdaCost } from './lambda-cost.ts';
import { pricesFor } from './prices-for.ts';

export const lambdaHelp = `usage: lmi-bench cost lambda --requests N --duration-ms D --memory-mb M [options]

Prices N requests (a month's volume: the GB-second tiers are monthly) on standard Lambda.
  --requests N        requests in the month (> 0)
  --duration-ms D     mean duration per request; billed rounded up to the next 1 ms (> 0)
  --memory-mb M       function memory, 128–10240
  --arch A            x86_64 (default) or arm64
  --ephemeral-mb E    ephemeral storage, 512–10240 (512 free)
  --free-tier         subtract the monthly free tier (1M requests, 400,000 GB-s)
  --region R          price region (default us-east-1)
  --offline           use the committed price snapshot`;

export async function costLambda(argv: string[]): Promise<string> {
  const flags = parseFlags(
    argv,
    {
      requests: { type: 'string' },
      'duration-ms': { type: 'string' },
      'memory-mb': { type: 'string' },
      arch: { type: 'string' },
      'ephemeral-mb': { type: 'string' },
      'free-tier': { type: 'boolean' },
      region: { type: 'string' },
      offline: { type: 'boolean' },
    },
    'lambda',
  );
  const requests = positive(flags, 'requests', { integer: true, required: true });
  const durationMs = positive(flags, 'duration-ms', { required: true });
  const memoryMb = bounded(flags, 'memory-mb', 128, 10240, true);
  if (memoryMb === undefined) throw new UsageError('--memory-mb is required');
  const ephemeralMb = bounded(flags, 'ephemeral-mb', 512, 10240, true);
  const arch = architecture(flags) ?? 'x86_64';
  const prices = await pricesFor(optionalText(flags, 'region') ?? 'us-east-1', flags['offline'] === true);
  const cost = lambdaCost(
    {
      requests,
      billedDurationMs: durationMs,
      memoryMb,
      architecture: arch,
      ...(ephemeralMb === undefined ? {} : { ephemeralMb }),
      freeTier: flags['free-tier'] === true,
    },
    prices,
  );
  return json({ ...cost, prices: prices.provenance });
}
