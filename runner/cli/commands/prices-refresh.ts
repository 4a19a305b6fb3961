/** `lmi-bench prices-refresh`: rebuild data/price-snapshot/ from the Price List API. */
import { parseArgs } from 'node:util';
import { ExitCode, UsageError } from '../../errors.ts';
import { awsCredentialSources, findAwsCredentials } from '../../plan/aws-credentials.ts';
import { refreshSnapshot } from '../../pricing/refresh-snapshot.ts';
import { assertKnownRegion } from '../../pricing/regions.ts';
import { defaultSnapshotDir, snapshotRegions } from '../../pricing/snapshot.ts';
import { errorMessage, firstLine } from '../../system/error-message.ts';

const help = `usage: lmi-bench prices-refresh [--region <r>[,<r>...]] [--snapshot-dir <dir>]

Queries the AWS Price List API (GetProducts; endpoint us-east-1, eu-central-1 or ap-south-1
by region) and replaces the offline price snapshot with the responses, in the API's own format.
Needs AWS credentials with pricing:GetProducts and pricing:GetAttributeValues.

  --region        regions to capture (default: those in the current snapshot)
  --snapshot-dir  where the snapshot lives (default: data/price-snapshot)`;

export async function run(argv: string[]): Promise<number> {
  let values: { region?: string[]; 'snapshot-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { region: { type: 'string', multiple: true }, 'snapshot-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`prices-refresh: ${firstLine(errorMessage(error))}`);
  }
  if (values.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const snapshotDir = values['snapshot-dir'] ?? defaultSnapshotDir;
  const regions = values.region?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean) ?? snapshotRegions(snapshotDir);
  regions.forEach(assertKnownRegion);
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
