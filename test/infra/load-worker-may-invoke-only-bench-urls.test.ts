// test-lane: concurrent: asserts a synthesised template.
// The synth (offline, no credentials) with --load-workers 4
// has the load worker function, its code the bundle with autocannon inside, and its role may
// invoke only the bench's own function URLs (every variant's, nothing else) and write its logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { BenchStack } from '../../infra/bench-stack.ts';
import { readStackConfig } from '../../infra/config.ts';
import { stackNameForRun } from '../../infra/naming.ts';
import { testVariants } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;

interface Resource { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> }

/**
 * What `cdk synth -c ...` does (infra/app.ts with cdk.json's context and string -c values), in
 * this process: the CLI itself is covered by the synth-offline and plain-synth tests, and a
 * spawned `cdk synth` costs a second tsx start and a CLI start for the same template.
 */
function synth(extraContext: Record<string, string>): { out: string; resources: Record<string, Resource>; outputs: Record<string, unknown> } {
  const out = testTempDir('lmi-bench-synth-');
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  // The CLI asks for asset metadata (aws:asset:path), which the test follows to the bundle.
  const context = { ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true, runId: 'ci-workers', workload: 'io-bound', runtime: 'node', variants: JSON.stringify(testVariants), ...extraContext };
  const app = new App({ outdir: out, context });
  // No AWS_ or CDK_ variables: the synth must need no credentials and no account.
  const config = readStackConfig((key) => app.node.tryGetContext(key), {});
  const stackName = stackNameForRun(config.runId);
  new BenchStack(app, stackName, config, { stackName, ...(config.env ? { env: config.env } : {}) });
  app.synth();
  const template = JSON.parse(readFileSync(join(out, 'lmi-bench-ci-workers.template.json'), 'utf8')) as { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
  return { out, resources: template.Resources, outputs: template.Outputs };
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

test('cdk synth with --load-workers 4: the worker function, its role limited to the bench function URLs', () => {
  const { out, resources, outputs } = synth({ loadWorkers: '4' });
  try {
    const workers = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties['Description']).endsWith('load worker'));
    assert.equal(workers.length, 1, 'one load worker function');
    const [, worker] = workers[0] as [string, Resource];
    assert.equal(worker.Properties['Runtime'], 'nodejs22.x');
    assert.equal(worker.Properties['Handler'], 'index.handler');
    assert.equal(worker.Properties['MemorySize'], 1769);
    assert.ok(outputs['LoadWorkerFunctionName'], 'the runner finds the worker by a stack output');
    // The asset is the offline esbuild bundle: one index.mjs with autocannon in it.
    const assetPath = worker.Metadata?.['aws:asset:path'] as string;
    const bundle = join(out, assetPath, 'index.mjs');
    assert.ok(existsSync(bundle), `asset ${assetPath} holds index.mjs`);
    assert.match(readFileSync(bundle, 'utf8'), /autocannon/);

    // The role: basic execution (logs) plus the statements granted by the front doors.
    const roleId = worker.Properties['Role']['Fn::GetAtt'][0] as string;
    const role = resources[roleId] as Resource;
    const managed = JSON.stringify(role.Properties['ManagedPolicyArns']);
    assert.match(managed, /AWSLambdaBasicExecutionRole/);
    assert.equal(asList(role.Properties['ManagedPolicyArns']).length, 1);
    assert.equal(role.Properties['Policies'], undefined);
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && asList(r.Properties['Roles']).some((ref: { Ref?: string }) => ref.Ref === roleId));
    const statements = policies.flatMap((p) => asList(p.Properties['PolicyDocument']['Statement'])) as Array<{ Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, any> }>;
    assert.ok(statements.length > 0);

    const aliasIds = new Set(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Alias').map(([id]) => id));
    assert.equal(aliasIds.size, testVariants.length);
    const reached = new Set<string>();
    for (const statement of statements) {
      assert.equal(statement.Effect, 'Allow');
      const actions = asList(statement.Action);
      for (const action of actions) assert.ok(action === 'lambda:InvokeFunctionUrl' || action === 'lambda:InvokeFunction', `unexpected action ${action}`);
      // InvokeFunctionUrl on IAM-authenticated URLs only; InvokeFunction only through a URL.
      if (actions.includes('lambda:InvokeFunctionUrl')) assert.equal(statement.Condition?.['StringEquals']?.['lambda:FunctionUrlAuthType'], 'AWS_IAM');
      if (actions.includes('lambda:InvokeFunction')) assert.equal(statement.Condition?.['Bool']?.['lambda:InvokedViaFunctionUrl'], true);
      for (const resource of asList(statement.Resource as unknown)) {
        assert.notEqual(resource, '*', 'no wildcard resource');
        const ref = (resource as { Ref?: string }).Ref;
        assert.ok(ref && aliasIds.has(ref), `resource ${JSON.stringify(resource)} is a bench alias`);
        reached.add(ref);
      }
    }
    assert.deepEqual([...reached].sort(), [...aliasIds].sort(), 'every variant is reachable by the workers');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('without load workers the stack has no worker function', () => {
  const { out, resources, outputs } = synth({});
  try {
    assert.equal(Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties['Description']).endsWith('load worker')).length, 0);
    assert.equal(outputs['LoadWorkerFunctionName'], undefined);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
