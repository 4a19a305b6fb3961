// test-lane: concurrent: asserts plans.
// Without --lmi-max-concurrency each LMI variant gets the per-vCPU default for its own vCPUs
// (64 per vCPU for Node.js, 16 for Python), not the first GiB-per-vCPU value's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planVariants } from '../../runner/plan/variants.ts';
import { planToBenchArgs } from '../../runner/analysis/replay-plan.ts';
import { planToJson } from '../../runner/run/plan-json.ts';
import { tempPlanner } from './plan-in-temp-dir.ts';

const { plan } = tempPlanner('max-concurrency-per-variant');

test('8 GiB at 2 and 4 GiB per vCPU: 4 and 2 vCPUs, so 256 and 128 slots on Node.js, 64 and 32 on Python', async () => {
  const node = await plan(['--lmi-memory', '8192', '--lmi-gib-per-vcpu', '2,4', '--modes', 'lmi']);
  assert.deepEqual(
    planVariants(node).map((v) => [v.settings.gibPerVcpu, v.settings.maxConcurrency]),
    [
      [2, 256],
      [4, 128],
    ],
  );
  assert.deepEqual(node.lmi.maxConcurrency, [128, 256]);
  const python = await plan(['--runtime', 'python', '--lmi-memory', '8192', '--lmi-gib-per-vcpu', '2,4', '--modes', 'lmi']);
  assert.deepEqual(planVariants(python).map((v) => v.settings.maxConcurrency), [64, 32]);
});

test('an explicit --lmi-max-concurrency is crossed with every GiB-per-vCPU value, and a replay keeps the default per variant', async () => {
  const given = await plan(['--lmi-memory', '8192', '--lmi-gib-per-vcpu', '2,4', '--lmi-max-concurrency', '8', '--modes', 'lmi']);
  assert.deepEqual(planVariants(given).map((v) => v.settings.maxConcurrency), [8, 8]);
  const defaulted = await plan(['--lmi-memory', '8192', '--lmi-gib-per-vcpu', '2,4', '--modes', 'lmi']);
  assert.ok(!planToBenchArgs(planToJson(defaulted)).includes('--lmi-max-concurrency'));
  assert.ok(planToBenchArgs(planToJson(given)).includes('--lmi-max-concurrency'));
});
