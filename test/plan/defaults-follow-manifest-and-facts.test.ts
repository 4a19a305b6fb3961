// test-lane: concurrent: asserts plans.
// With no flags the plan is the documented default run; lists come back sorted and distinct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempPlanner } from './plan-in-temp-dir.ts';

const { root, plan } = tempPlanner('defaults');

test('defaults: io-bound on node, local, both modes, memory from the manifest, LMI from docs/lmi-facts.md', async () => {
  const p = await plan([]);
  assert.equal(p.workload.manifest.name, 'io-bound');
  assert.equal(p.runtime, 'node');
  assert.equal(p.target, 'local');
  assert.deepEqual(p.modes, ['lambda', 'lmi']);
  assert.deepEqual(p.concurrency, [1, 8, 32, 64]);
  assert.equal(p.lambda.memoryMb, 512); // io-bound's manifest
  assert.equal(p.lmi.memoryMb, 2048); // max(2048, 512)
  assert.deepEqual(p.lmi.maxConcurrency, [64]); // Node.js 64 per vCPU, 2048 MB / 2 GiB = 1 vCPU
  assert.deepEqual(p.lmi.gibPerVcpu, [2]);
  assert.equal(p.lmi.minEnvironments, 3);
  assert.equal(p.lmi.instanceType, 'm7i.xlarge');
  assert.equal(p.lmi.maxVcpus, 400);
  assert.equal(p.lambda.architecture, 'x86_64'); // AWS's default, for both compute types
  assert.equal(p.lambda.concurrencyLimit, 1000);
  assert.equal(p.region, 'us-east-1');
  assert.deepEqual(p.pricing, { offline: false, lambdaDiscount: 0, lmiDiscount: 0, freeTier: false });
  // No --instance-type: the engine emulates m7i.xlarge and the model chooses among the x86_64 m/c/r types.
  assert.equal(p.lmi.instancePinned, false);
  assert.ok(p.lmi.instanceTypes?.includes('c7a.xlarge') && p.lmi.instanceTypes.includes('r6i.4xlarge') && p.lmi.instanceTypes.includes('m8i.large'));
  assert.ok(!p.lmi.instanceTypes?.includes('c7i.large'), 'C starts at .xlarge');
  assert.equal(p.lmi.reserveVcpus, 1);
  assert.equal(p.lmi.reserveMemoryGiB, 1);
  assert.deepEqual(p.event, { delaysMs: [150, 200, 100] });
  assert.equal(p.aws, undefined);
  assert.match(p.runId, /^\d{8}-\d{6}-io-bound-node$/);
  assert.equal(p.outDir, join(root, 'results', p.runId));
  // The default full run: 2 variants x 4 levels x (warm-up + trials x duration) of load.
  assert.ok(2 * 4 * (p.warmupSec + p.trials * p.durationSec) <= 120, 'default load alone must leave room for deploys within 3 minutes');
});

test('python defaults to 16 per vCPU, scaled by the vCPUs of an environment', async () => {
  assert.deepEqual((await plan(['--runtime', 'python'])).lmi.maxConcurrency, [16]);
  assert.deepEqual((await plan(['--runtime', 'python', '--lmi-memory', '8192'])).lmi.maxConcurrency, [64]);
  const cpu = await plan(['cpu-bound']);
  assert.equal(cpu.lambda.memoryMb, 1769);
  assert.equal(cpu.lmi.memoryMb, 2048);
});

test('lists are sorted ascending and keep their values', async () => {
  const p = await plan(['--concurrency', '64, 1,8', '--lmi-gib-per-vcpu', '4,2', '--lmi-memory', '4096', '--lmi-max-concurrency', '32,8', '--modes', 'lmi,lambda']);
  assert.deepEqual(p.concurrency, [1, 8, 64]);
  assert.deepEqual(p.lmi.gibPerVcpu, [2, 4]);
  assert.deepEqual(p.lmi.maxConcurrency, [8, 32]);
  assert.deepEqual(p.modes, ['lambda', 'lmi']);
});

test('flags set the plan: numbers, booleans, event, arch aliases, aws-only fields', async () => {
  const p = await plan([
    '--duration=2.5', '--warmup', '0', '--trials', '3', '--memory', '1024', '--lmi-discount', '0.72', '--lambda-discount', '0.17', '--free-tier', '--offline',
    '--instance-type', 'm7i.xlarge', '--arch', 'x64', '--event', '{"delaysMs":[5]}', '--run-id', 'my-run.1',
  ]);
  assert.equal(p.durationSec, 2.5);
  assert.equal(p.warmupSec, 0);
  assert.equal(p.trials, 3);
  assert.equal(p.lambda.memoryMb, 1024);
  assert.equal(p.lambda.architecture, 'x86_64');
  assert.deepEqual(p.pricing, { offline: true, lambdaDiscount: 0.17, lmiDiscount: 0.72, freeTier: true });
  assert.deepEqual(p.event, { delaysMs: [5] });
  assert.equal(p.runId, 'my-run.1');
  assert.equal((await plan(['--free-tier', '--no-offline'])).pricing.offline, false);
});
