/**
 * The CDK app (`cdk.json` runs it with tsx). Inputs come from context (see infra/naming.ts for
 * the keys and infra/config.ts for their validation); without any, `cdk synth`, `cdk diff` and
 * `cdk deploy` give the stack of a default bench (`lmi-bench-manual`). Synth needs no
 * credentials: without account and region the stack is environment-agnostic.
 */
import { App } from 'aws-cdk-lib';
import { BenchStack } from './bench-stack.ts';
import { readStackConfig, StackConfigError } from './config.ts';
import { stackNameForRun } from './naming.ts';

const app = new App();
try {
  const config = readStackConfig((key) => app.node.tryGetContext(key));
  const stackName = stackNameForRun(config.runId);
  new BenchStack(app, stackName, config, {
    stackName,
    ...(config.env ? { env: config.env } : {}),
    description: `lmi-bench run ${config.runId}: standard Lambda and Lambda Managed Instances`,
  });
  app.synth();
} catch (error) {
  if (!(error instanceof StackConfigError)) throw error;
  process.stderr.write(`lmi-bench infra: ${error.message}\n`);
  process.exit(2);
}
