/** Builds the bench stack in-process for template assertions (one synth per test file). */

import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BenchStack } from '../../infra/bench-stack.ts';
import { readStackConfig } from '../../infra/config.ts';
import { stackNameForRun } from '../../infra/naming.ts';
import type { Variant } from '../../runner/domain.ts';
import { testTempDir } from '../temp-dir.ts';

export const testVariants: Variant[] = [
  { id: 'lambda-m1024', mode: 'lambda', settings: { memoryMb: 1024 } },
  { id: 'lmi-c16-g2', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 16, gibPerVcpu: 2 } },
  { id: 'lmi-c64-g4', mode: 'lmi', settings: { memoryMb: 4096, maxConcurrency: 64, gibPerVcpu: 4 } },
];

export const testAccount = '123456789012';
export const testRegion = 'us-east-1';

/** Synthesizes the stack for account/region with the AZ lookup answered by context, so no network is needed. */
export function synthTemplate(extraContext: Record<string, string> = {}): { template: Template; stack: BenchStack } {
  const context: Record<string, unknown> = {
    runId: 'test-run-1',
    workload: 'io-bound,cpu-bound',
    runtime: 'node',
    variants: JSON.stringify(testVariants),
    instanceType: 'm7g.xlarge',
    maxVcpus: '48',
    account: testAccount,
    region: testRegion,
    [`availability-zones:account=${testAccount}:region=${testRegion}`]: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'],
    ...extraContext,
  };
  const app = new App({ outdir: testTempDir('lmi-bench-cdk-'), context });
  const config = readStackConfig((key) => app.node.tryGetContext(key), {});
  const name = stackNameForRun(config.runId);
  const stack = new BenchStack(app, name, config, { stackName: name, ...(config.env ? { env: config.env } : {}) });
  return { template: Template.fromStack(stack), stack };
}
