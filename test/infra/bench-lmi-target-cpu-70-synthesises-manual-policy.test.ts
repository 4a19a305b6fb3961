// test-lane: concurrent: asserts a synthesised template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planVariants } from '../../runner/plan/variants.ts';
import { stackContext } from '../../runner/target/aws/stack-context.ts';
import { contextKeys } from '../../infra/naming.ts';
import { awsPlan } from '../target-aws/helpers.ts';
import { synthTemplate } from './helpers.ts';

test('bench --lmi-target-cpu 70 plans a -t70 variant and the stack synthesises it as a manual target tracking policy at 70', async () => {
  const plan = await awsPlan(['--lmi-target-cpu', '70']);
  const variants = planVariants(plan);
  assert.deepEqual(variants.filter((v) => v.mode === 'lmi').map((v) => [v.id, v.settings.targetCpuPercent]), [['lmi-c64-g2-t70', 70]]);
  const context = stackContext(plan, variants);
  const { template } = synthTemplate({ variants: context[contextKeys.variants] ?? '', instanceTypes: context[contextKeys.instanceTypes] ?? '' });
  const providers = Object.values(template.findResources('AWS::Lambda::CapacityProvider')) as Array<{ Properties: Record<string, any> }>;
  assert.equal(providers.length, 1);
  assert.deepEqual(providers[0]?.Properties['CapacityProviderScalingConfig'], {
    MaxVCpuCount: 48,
    ScalingMode: 'Manual',
    ScalingPolicies: [{ PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 70 }],
  });
  // No --instance-type: the provider allows the sizing model's candidate set of the default
  // architecture (x86_64, as AWS defaults), the emulated type first.
  const allowed: string[] = providers[0]?.Properties['InstanceRequirements'].AllowedInstanceTypes;
  assert.equal(allowed[0], 'm7i.xlarge');
  assert.equal(allowed[0], plan.lmi.instanceType);
  assert.deepEqual([...allowed].sort(), [...(plan.lmi.instanceTypes ?? [])].sort());
  assert.deepEqual(providers[0]?.Properties['InstanceRequirements'].Architectures, ['x86_64']);
});
