// test-lane: concurrent: asserts a synthesised template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthTemplate } from './helpers.ts';

test('--lmi-target-cpu 70 deploys a capacity provider with a manual target tracking policy at 70% CPU; allowed types are the candidate set', () => {
  const variants = [
    { id: 'lambda-m1024', mode: 'lambda', settings: { memoryMb: 1024 } },
    { id: 'lmi-c16-g2-t70', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 16, gibPerVcpu: 2, targetCpuPercent: 70 } },
    { id: 'lmi-c16-g2', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 16, gibPerVcpu: 2 } },
  ];
  const { template } = synthTemplate({ variants: JSON.stringify(variants), instanceTypes: 'c7g.xlarge,m7g.xlarge,r7g.xlarge' });
  const providers = Object.values(template.findResources('AWS::Lambda::CapacityProvider')) as Array<{ Properties: Record<string, any> }>;
  assert.equal(providers.length, 2, 'one provider per scaling target');
  const manual = providers.find((p) => p.Properties['CapacityProviderScalingConfig'].ScalingMode === 'Manual');
  const auto = providers.find((p) => p.Properties['CapacityProviderScalingConfig'].ScalingMode === 'Auto');
  assert.ok(manual && auto, JSON.stringify(providers.map((p) => p.Properties['CapacityProviderScalingConfig'])));
  assert.deepEqual(manual.Properties['CapacityProviderScalingConfig'].ScalingPolicies, [{ PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 70 }]);
  for (const provider of providers) {
    assert.deepEqual(provider.Properties['InstanceRequirements'], { AllowedInstanceTypes: ['c7g.xlarge', 'm7g.xlarge', 'r7g.xlarge'], Architectures: ['arm64'] });
  }
  // The 70% variant's functions are attached to the manual provider.
  const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: Record<string, any> }>;
  const t70 = functions.filter((f) => String(f.Properties['Description']).endsWith(' lmi-c16-g2-t70'));
  assert.equal(t70.length, 2);
  const manualId = Object.entries(template.findResources('AWS::Lambda::CapacityProvider')).find(([, p]) => p['Properties']['CapacityProviderScalingConfig'].ScalingMode === 'Manual')?.[0];
  for (const f of t70) assert.equal(f.Properties['CapacityProviderConfig'].LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn['Fn::GetAtt'][0], manualId);
});
