/** `lmi-bench prices-refresh`: rebuild data/price-snapshot/ from the Price List API. */
import { ExitCode, UsageError } from '../../errors.ts';
import { awsCredentialSources, findAwsCredentials } from '../../system/aws-credentials.ts';
import { refreshSnapshot } from '../../pricing/refresh-snapshot.ts';
import { defaultSnapshotDir, snapshotRegions } from '../../pricing/snapshot.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseRegion, parseText, splitList } from '../values.ts';

export const pricesRefreshFlags = {
  region: valueFlag({
    value: 'R[,R...]',
    help: 'regions to capture',
    defaultText: 'those in the current snapshot',
    parse: (raw, label) => splitList(label, raw).map((region) => parseRegion(label, region)),
  }),
  'snapshot-dir': valueFlag({ value: 'DIR', help: 'where the snapshot lives', default: defaultSnapshotDir, defaultText: 'data/price-snapshot', parse: (raw, label) => parseText(label, raw) }),
};

const help = `usage: lmi-bench prices-refresh [--region <r>[,<r>...]] [--snapshot-dir <dir>]

Queries the AWS Price List API (GetProducts; endpoint us-east-1, eu-central-1 or ap-south-1
by region) and replaces the offline price snapshot with the responses, in the API's own format.
Needs AWS credentials with pricing:GetProducts and pricing:GetAttributeValues.

options:
${flagHelp(pricesRefreshFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, pricesRefreshFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const snapshotDir = line.values['snapshot-dir'];
  const regions = line.values.region ?? snapshotRegions(snapshotDir);
  const credentials = await findAwsCredentials(process.env);
  if (!credentials) {
    throw new UsageError(
      `prices-refresh needs AWS credentials to query the Price List API and found none (looked at ${awsCredentialSources(process.env)}); the committed snapshot is unchanged`,
    );
  }
  process.stdout.write(`capturing prices for ${regions.join(', ')} from the Price List API...\n`);
  await refreshSnapshot({ regions, credentials, snapshotDir, onProgress: (line) => process.stdout.write(line + '\n') });
  process.stdout.write(`price snapshot rewritten in ${snapshotDir}\n`);
  return ExitCode.ok;
}
