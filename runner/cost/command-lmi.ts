/** `lmi-bench cost lmi`: instance-hours and requests on Lambda Managed Instances, priced. */
import { bounded, json, optionalText, parseFlags, positive, requiredText } from './cli-args.ts';
import { instancePrice, lmiCost } from './lmi-cost.ts';
import { pricesFor } from './prices-for.ts';

export const lmiHelp = `usage: lmi-bench cost lmi --instance-type T --instances K --hours H --requests N [options]

Prices K instances of type T running H hours each, serving N requests, on LMI.
  --instance-type T          EC2 instance type of the capacity provider, e.g. m7g.xlarge
  --instances K              instances (> 0)
  --hours H                  hours each instance runs (> 0)
  --requests N               requests served (> 0)
  --discount F               commitment discount on the EC2 part, 0–1 (the management fee is never discounted)
  --rate-decimals N          round the discounted hourly rate to N decimals, as AWS's example does (0–10)
  --billing-granularity-sec S  bill each instance's time in whole S-second units (default 1; unverified for LMI)
  --region R                 price region (default us-east-1)
  --offline                  use the committed price snapshot`;

export async function costLmi(argv: string[]): Promise<string> {
  const flags = parseFlags(
    argv,
    {
      'instance-type': { type: 'string' },
      instances: { type: 'string' },
      hours: { type: 'string' },
      requests: { type: 'string' },
      discount: { type: 'string' },
      'rate-decimals': { type: 'string' },
      'billing-granularity-sec': { type: 'string' },
      region: { type: 'string' },
      offline: { type: 'boolean' },
    },
    'lmi',
  );
  const instanceType = requiredText(flags, 'instance-type');
  const instances = positive(flags, 'instances', { integer: true, required: true });
  const hours = positive(flags, 'hours', { required: true });
  const requests = positive(flags, 'requests', { integer: true, required: true });
  const discount = bounded(flags, 'discount', 0, 1) ?? 0;
  const rateDecimals = bounded(flags, 'rate-decimals', 0, 10, true);
  const billingGranularitySec = positive(flags, 'billing-granularity-sec', {});
  const prices = await pricesFor(optionalText(flags, 'region') ?? 'us-east-1', flags['offline'] === true);
  instancePrice(prices, instanceType);
  const cost = lmiCost(
    {
      instanceType,
      instances,
      hours,
      requests,
      discount,
      ...(rateDecimals === undefined ? {} : { rateDecimals }),
      ...(billingGranularitySec === undefined ? {} : { billingGranularitySec }),
    },
    prices,
  );
  return json({ ...cost, prices: prices.provenance });
}
