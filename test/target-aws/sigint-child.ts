// Child process of sigint-teardown.test.ts: starts the AWS target against the CDK stand-in
// (whose deploy hangs) and reports how start() ended.
import { AwsTarget } from '../../runner/target/aws/aws-target.ts';
import { reportFailure } from '../../runner/cli/main.ts';
import { awsPlan } from './helpers.ts';

const plan = await awsPlan(['--modes', 'lambda']);
const target = new AwsTarget(plan, {
  log: (line) => {
    process.stderr.write(line + '\n');
    if (line.includes('deploying... [1/1]')) process.stdout.write('DEPLOYING\n');
  },
});
try {
  await target.start();
  process.stdout.write('STARTED\n');
  process.exitCode = 0;
} catch (error) {
  process.exitCode = reportFailure(error);
}
