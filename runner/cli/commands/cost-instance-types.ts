/**
 * `lmi-bench cost --list-instance-types`: the instance types LMI can be priced on in a region,
 * with their shape and hourly price (on-demand, the management fee, and both after an optional
 * commitment discount), so a user can pick --instance-type or narrow --instance-types.
 */
import { ExitCode } from '../../errors.ts';
import { hourlyRate } from '../../cost/lmi-cost.ts';
import { pricesFor } from '../../cost/prices-for.ts';
import { benchDefaults } from '../../plan/defaults.ts';
import { candidateInstanceTypes } from '../../pricing/instance-types.ts';
import { prettyJson } from '../../system/pretty-json.ts';
import { candidateTypeNames } from '../../cost/candidates.ts';
import { instanceChoice } from '../../cost/instance-choice.ts';
import { flagHelp, readFlags, switchFlag, valueFlag } from '../flag-reader.ts';
import { lmiDiscountFlag, refusedDiscountFlag } from './capacity-flags.ts';
import { parseArchitecture, parseRegion } from '../values.ts';

export const instanceTypeFlags = {
  region: valueFlag({ value: 'R', help: 'price region', default: benchDefaults.region, parse: (raw, label) => parseRegion(label, raw) }),
  arch: valueFlag({ value: 'x86_64|arm64', help: 'only this architecture', defaultText: 'both', parse: (raw, label) => parseArchitecture(label, raw) }),
  // The same names as `cost lmi`: the old single --discount is refused there and here alike.
  'lmi-discount': lmiDiscountFlag,
  discount: refusedDiscountFlag,
  json: switchFlag({ help: 'print JSON instead of a table' }),
  offline: switchFlag({ help: 'use the committed price snapshot' }),
};

const help = `usage: lmi-bench cost --list-instance-types [options]

The instance types LMI is priced on in a region: shape, on-demand price, management fee, and the
LMI hourly rate (EC2 after --lmi-discount + the fee on the on-demand price).
${flagHelp(instanceTypeFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, instanceTypeFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const f = line.values;
  const prices = await pricesFor(f.region, f.offline);
  const architectures = f.arch === undefined ? (['arm64', 'x86_64'] as const) : [f.arch];
  const rows = architectures.flatMap((architecture) =>
    candidateInstanceTypes(architecture)
      .filter((name) => Object.hasOwn(prices.instances, name))
      .map((name) => {
        const price = prices.instances[name];
        if (!price) throw new Error(`${name} vanished from the price book`);
        const ec2UsdPerHour = hourlyRate(price.onDemandUsdPerHour, f['lmi-discount']);
        return {
          instanceType: name,
          architecture: price.architecture,
          vcpus: price.vcpus,
          memoryGiB: price.memoryGiB,
          onDemandUsdPerHour: price.onDemandUsdPerHour,
          managementFeeUsdPerHour: price.managementFeeUsdPerHour,
          lmiUsdPerHour: ec2UsdPerHour + price.managementFeeUsdPerHour,
          lmiUsdPerVcpuHour: (ec2UsdPerHour + price.managementFeeUsdPerHour) / price.vcpus,
        };
      }),
  );
  // The set bench, advise and cost choose from without --arch (or with the one given), and how to change it.
  const pricedOnArchitecture = f.arch ?? benchDefaults.lmi.architecture;
  const priced = instanceChoice({ architecture: pricedOnArchitecture }, candidateTypeNames(prices, { architecture: pricedOnArchitecture }));
  const pricedOnLabel = f.arch === undefined ? 'priced on by default' : `priced on with --arch ${f.arch}`;
  if (f.json) {
    process.stdout.write(prettyJson({ region: prices.region, discount: f['lmi-discount'], prices: prices.provenance, instanceChoice: priced, instanceTypes: rows }));
    return ExitCode.ok;
  }
  const headers = ['type', 'arch', 'vCPU', 'GiB', 'on-demand $/h', 'fee $/h', `LMI $/h${f['lmi-discount'] > 0 ? ` (${f['lmi-discount'] * 100}% off EC2)` : ''}`, 'LMI $/vCPU-h'];
  const cells = rows.map((r) => [r.instanceType, r.architecture, String(r.vcpus), String(r.memoryGiB), r.onDemandUsdPerHour.toFixed(4), r.managementFeeUsdPerHour.toFixed(4), r.lmiUsdPerHour.toFixed(4), r.lmiUsdPerVcpuHour.toFixed(4)]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const text = [headers, ...cells].map((c) => c.map((cell, i) => (i >= 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  process.stdout.write(`${text.join('\n')}\n${pricedOnLabel}: ${priced.summary}\nprices: ${prices.provenance.source} (${prices.region}, as of ${prices.provenance.asOf})\n`);
  return ExitCode.ok;
}
