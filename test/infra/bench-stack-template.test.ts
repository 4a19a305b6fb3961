// test-lane: concurrent: asserts a synthesised template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Match } from 'aws-cdk-lib/assertions';
import { synthTemplate, testVariants } from './helpers.ts';
import { variantOutputKey } from '../../infra/naming.ts';

// One synth shared by every assertion: synth takes seconds.
const { template } = synthTemplate();
const resources = (type: string): Array<[string, { Properties: Record<string, any> }]> =>
  Object.entries(template.findResources(type)) as Array<[string, { Properties: Record<string, any> }]>;

test('the capacity provider launches in subnets of 3 distinct AZs with the operator role', () => {
  const [[, provider]] = resources('AWS::Lambda::CapacityProvider') as [[string, { Properties: Record<string, any> }]];
  assert.equal(resources('AWS::Lambda::CapacityProvider').length, 1);
  const subnetRefs: Array<{ Ref: string }> = provider.Properties['VpcConfig'].SubnetIds;
  assert.equal(subnetRefs.length, 3);
  const subnets = template.findResources('AWS::EC2::Subnet');
  const zones = subnetRefs.map((ref) => subnets[ref.Ref]?.['Properties']['AvailabilityZone']);
  assert.deepEqual([...new Set(zones)].sort(), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  assert.equal(provider.Properties['VpcConfig'].SecurityGroupIds.length, 1);
  assert.deepEqual(provider.Properties['InstanceRequirements'], { AllowedInstanceTypes: ['m7g.xlarge'], Architectures: ['arm64'] });
  assert.deepEqual(provider.Properties['CapacityProviderScalingConfig'], { MaxVCpuCount: 48, ScalingMode: 'Auto' });

  const roleId = provider.Properties['PermissionsConfig'].CapacityProviderOperatorRoleArn['Fn::GetAtt'][0];
  const role = template.findResources('AWS::IAM::Role')[roleId];
  assert.ok(role, 'operator role exists');
  assert.match(JSON.stringify(role['Properties']['ManagedPolicyArns']), /:iam::aws:policy\/AWSLambdaManagedEC2ResourceOperator"/);
});

test('each workload gets a standard and LMI functions from one code asset', () => {
  const functions = resources('AWS::Lambda::Function').filter(([, f]) => String(f.Properties['Description']).startsWith('lmi-bench'));
  assert.equal(functions.length, 2 * testVariants.length);
  for (const workload of ['io-bound', 'cpu-bound']) {
    const mine = functions.filter(([, f]) => f.Properties['Description'].includes(` ${workload} `));
    assert.equal(mine.length, testVariants.length);
    const keys = new Set(mine.map(([, f]) => f.Properties['Code'].S3Key));
    assert.equal(keys.size, 1, `${workload}: every variant uses the same asset`);
    for (const [, f] of mine) assert.equal(f.Properties['Runtime'], 'nodejs22.x');
  }
  const assetsOf = new Set(functions.map(([, f]) => f.Properties['Code'].S3Key));
  assert.equal(assetsOf.size, 2, 'the two workloads have different code');
});

test('LMI functions carry each variant maxConcurrency, GiB per vCPU and at least 2048 MB', () => {
  for (const variant of testVariants) {
    const described = resources('AWS::Lambda::Function').filter(([, f]) => String(f.Properties['Description']).endsWith(` ${variant.id}`));
    assert.equal(described.length, 2);
    for (const [, f] of described) {
      const config = f.Properties['CapacityProviderConfig'];
      if (variant.mode === 'lambda') {
        assert.equal(config, undefined);
        assert.equal(f.Properties['MemorySize'], variant.settings.memoryMb);
        continue;
      }
      assert.ok(f.Properties['MemorySize'] >= 2048);
      assert.equal(f.Properties['MemorySize'], variant.settings.memoryMb);
      assert.equal(config.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency, variant.settings.maxConcurrency);
      assert.equal(config.LambdaManagedInstancesCapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu, variant.settings.gibPerVcpu);
      assert.equal(config.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn['Fn::GetAtt'][1], 'Arn');
    }
  }
});

test('every function has a published version and a live alias; LMI versions keep the minimum environments', () => {
  const versions = resources('AWS::Lambda::Version');
  assert.equal(versions.length, 2 * testVariants.length);
  const lmiVersions = versions.filter(([, v]) => v.Properties['FunctionScalingConfig']);
  assert.equal(lmiVersions.length, 4);
  for (const [, v] of lmiVersions) assert.deepEqual(v.Properties['FunctionScalingConfig'], { MinExecutionEnvironments: 3 });
  const aliases = resources('AWS::Lambda::Alias');
  assert.equal(aliases.length, versions.length);
  const versionIds = new Set(versions.map(([id]) => id));
  for (const [, a] of aliases) {
    assert.equal(a.Properties['Name'], 'live');
    assert.ok(versionIds.has(a.Properties['FunctionVersion']['Fn::GetAtt'][0]));
  }
});

test('front doors are IAM-authenticated Function URLs on the live alias', () => {
  const urls = resources('AWS::Lambda::Url');
  assert.equal(urls.length, 2 * testVariants.length);
  for (const [, u] of urls) {
    assert.equal(u.Properties['AuthType'], 'AWS_IAM');
    assert.equal(u.Properties['Qualifier'], 'live');
  }
});

test('the outputs the runner reads exist for every workload variant', () => {
  const outputs = template.findOutputs('*');
  for (const workload of ['io-bound', 'cpu-bound']) {
    for (const variant of testVariants) {
      for (const field of ['FunctionName', 'AliasArn', 'Version', 'Url'] as const) {
        assert.ok(outputs[variantOutputKey(workload, variant.id, field)], `${workload} ${variant.id} ${field}`);
      }
      const provider = outputs[variantOutputKey(workload, variant.id, 'CapacityProviderName')];
      assert.equal(provider !== undefined, variant.mode === 'lmi');
    }
  }
  template.hasOutput('CapacityProviderName', { Value: { Ref: Match.anyValue() } });
  template.hasOutput('InstanceType', { Value: 'm7g.xlarge' });
  template.hasOutput('FrontDoor', { Value: 'function-url' });
});

test('every resource is removed with the stack and tagged with the run id', () => {
  const all = template.toJSON()['Resources'] as Record<string, { Type: string; DeletionPolicy?: string; Properties?: Record<string, unknown> }>;
  for (const [id, resource] of Object.entries(all)) {
    assert.notEqual(resource.DeletionPolicy, 'Retain', `${id} (${resource.Type}) is retained`);
  }
  const taggable = ['AWS::Lambda::Function', 'AWS::Lambda::CapacityProvider', 'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::IAM::Role', 'AWS::Logs::LogGroup'];
  for (const type of taggable) {
    for (const [id, r] of resources(type)) {
      assert.ok(
        (r.Properties['Tags'] as Array<{ Key: string; Value: string }>).some((t) => t.Key === 'lmi-bench:run-id' && t.Value === 'test-run-1'),
        `${id} carries the run-id tag`,
      );
    }
  }
  // Lambda would otherwise create /aws/lambda/<name> itself, and that group would outlive the stack.
  assert.equal(resources('AWS::Logs::LogGroup').length, 2 * testVariants.length);
});
