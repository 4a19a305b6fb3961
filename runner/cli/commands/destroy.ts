/**
 * `lmi-bench destroy --run-id ID | --stack-name NAME [--region R] --yes`: deletes a bench
 * stack through CloudFormation and waits until it is gone. Without --yes it only says what it
 * would delete.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ExitCode, UsageError } from '../../errors.ts';
import { awsCredentialSources, findAwsCredentials } from '../../system/aws-credentials.ts';
import { benchDefaults } from '../../plan/defaults.ts';
import { destroyBenchStack } from '../../target/aws/destroy-stack.ts';
import { stackNameForRun } from '../../../infra/naming.ts';
import { flagHelp, readFlags, switchFlag, valueFlag } from '../flag-reader.ts';
import { parseRegion, parseText } from '../values.ts';
import { awsClientLimits } from '../../system/aws-client-limits.ts';

export const destroyFlags = {
  'run-id': valueFlag({ value: 'ID', help: 'the run whose stack (lmi-bench-<run id>) goes', parse: (raw, label) => parseText(label, raw) }),
  'stack-name': valueFlag({ value: 'NAME', help: 'the stack to delete, by name', parse: (raw, label) => parseText(label, raw) }),
  region: valueFlag({ value: 'REGION', help: 'where the stack is', defaultText: `AWS_REGION, AWS_DEFAULT_REGION or ${benchDefaults.region}`, parse: (raw, label) => parseRegion(label, raw) }),
  yes: switchFlag({ help: 'go ahead (without it, destroy only says what it would delete)' }),
};

const help = `usage: lmi-bench destroy (--run-id ID | --stack-name NAME) [--region REGION] --yes

Deletes the bench stack of a run (lmi-bench-<run id>) and everything in it, and waits until
CloudFormation reports it gone. Only stacks tagged by lmi-bench are deleted.

options:
${flagHelp(destroyFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, destroyFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const runId = line.values['run-id'];
  const givenName = line.values['stack-name'];
  if ((runId === undefined) === (givenName === undefined)) throw new UsageError('destroy needs exactly one of --run-id ID or --stack-name NAME');
  const stackName = givenName ?? stackNameForRun(String(runId));
  const region = line.values.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? benchDefaults.region;
  if (!line.values.yes) throw new UsageError(`this deletes stack ${stackName} in ${region} and everything in it: add --yes to go ahead`);

  const credentials = await findAwsCredentials(process.env);
  if (!credentials) throw new UsageError(`destroy needs AWS credentials; none found (looked in ${awsCredentialSources(process.env)})`);
  const client = new CloudFormationClient({ ...awsClientLimits(), region, credentials });
  await destroyBenchStack(client, stackName, { maxWaitSec: 45 * 60, log: (line) => process.stderr.write(line + '\n') });
  return ExitCode.ok;
}
