/** `lmi-bench cost lmi`: instance-hours and requests on Lambda Managed Instances, priced. */
import { instancePrice, lmiCost } from '../../cost/lmi-cost.ts';
import { pricesFor } from '../../cost/prices-for.ts';
import { flagHelp, switchFlag, valueFlag } from '../flag-reader.ts';
import { parseDecimal, parseInteger, parsePositive, parseRegion, parseText } from '../values.ts';
import { requireFlag, runCostSubcommand } from './cost-output.ts';

export const lmiFlags = {
  'instance-type': valueFlag({ value: 'T', help: 'EC2 instance type of the capacity provider, e.g. m7g.xlarge', parse: (raw, label) => parseText(label, raw) }),
  instances: valueFlag({ value: 'K', help: 'instances (> 0)', parse: (raw, label) => parsePositive(label, raw, { integer: true }) }),
  hours: valueFlag({ value: 'H', help: 'hours each instance runs (> 0)', parse: (raw, label) => parsePositive(label, raw) }),
  requests: valueFlag({ value: 'N', help: 'requests served (> 0)', parse: (raw, label) => parsePositive(label, raw, { integer: true }) }),
  discount: valueFlag({
    value: 'F',
    help: 'commitment discount on the EC2 part, 0–1 (the management fee is never discounted)',
    default: '0',
    parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: 1 }),
  }),
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

Prices K instances of type T running H hours each, serving N requests, on LMI.
${flagHelp(lmiFlags)}`;

export function run(argv: string[]): Promise<number> {
  return runCostSubcommand(argv, lmiFlags, help, async (flags) => {
    const instanceType = requireFlag(flags['instance-type'], 'instance-type');
    const instances = requireFlag(flags.instances, 'instances');
    const hours = requireFlag(flags.hours, 'hours');
    const requests = requireFlag(flags.requests, 'requests');
    const rateDecimals = flags['rate-decimals'];
    const billingGranularitySec = flags['billing-granularity-sec'];
    const prices = await pricesFor(flags.region, flags.offline);
    instancePrice(prices, instanceType);
    const cost = lmiCost(
      {
        instanceType,
        instances,
        hours,
        requests,
        discount: flags.discount,
        ...(rateDecimals === undefined ? {} : { rateDecimals }),
        ...(billingGranularitySec === undefined ? {} : { billingGranularitySec }),
      },
      prices,
    );
    return { ...cost, prices: prices.provenance };
  });
}
