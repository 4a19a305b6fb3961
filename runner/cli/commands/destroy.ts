/**
 * `lmi-bench destroy --run-id ID | --stack-name NAME [--region R] --yes`: deletes a bench
 * stack through CloudFormation and waits until it is gone. Without --yes it only says what it
 * would delete.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ExitCode, UsageError } from '../../errors.ts';
import { awsCredentialSources, findAwsCredentials } from '../../plan/aws-credentials.ts';
import { benchDefaults } from '../../plan/defaults.ts';
import { takeFlags } from '../../target/aws/command-flags.ts';
import { destroyBenchStack } from '../../target/aws/destroy-stack.ts';
import { stackNameForRun } from '../../../infra/naming.ts';

const help = `usage: lmi-bench destroy (--run-id ID | --stack-name NAME) [--region REGION] --yes

Deletes the bench stack of a run (lmi-bench-<run id>) and everything in it, and waits until
CloudFormation reports it gone. Only stacks tagged by lmi-bench are deleted.`;

export async function run(argv: string[]): Promise<number> {
  const { values, rest } = takeFlags(argv, [
    { name: 'run-id', type: 'string' },
    { name: 'stack-name', type: 'string' },
    { name: 'region', type: 'string' },
    { name: 'yes', type: 'boolean' },
    { name: 'help', type: 'boolean' },
  ]);
  if (values.has('help') || rest.includes('-h')) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  if (rest.length > 0) throw new UsageError(`unknown option for destroy: ${rest[0]} (see lmi-bench destroy --help)`);
  const runId = values.get('run-id');
  const givenName = values.get('stack-name');
  if ((runId === undefined) === (givenName === undefined)) throw new UsageError('destroy needs exactly one of --run-id ID or --stack-name NAME');
  const stackName = typeof givenName === 'string' ? givenName : stackNameForRun(String(runId));
  const region = String(values.get('region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? benchDefaults.region);
  if (!values.has('yes')) throw new UsageError(`this deletes stack ${stackName} in ${region} and everything in it: add --yes to go ahead`);

  const credentials = await findAwsCredentials(process.env);
  if (!credentials) throw new UsageError(`destroy needs AWS credentials; none found (looked in ${awsCredentialSources(process.env)})`);
  const client = new CloudFormationClient({ region, credentials });
  await destroyBenchStack(client, stackName, { maxWaitSec: 45 * 60, log: (line) => process.stderr.write(line + '\n') });
  return ExitCode.ok;
}
