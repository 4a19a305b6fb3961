// test-lane: concurrent: asserts plans.
// Variants: standard Lambda first, then every maxConcurrency x gibPerVcpu combination, with
// stable ids usable as function-name suffixes; planToJson names the workload and lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempPlanner } from './plan-in-temp-dir.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { planToJson } from '../../runner/run/plan-json.ts';

const { plan } = tempPlanner('variants');

test('lambda first, then each LMI combination', async () => {
  const p = await plan(['--lmi-max-concurrency', '16,64', '--lmi-gib-per-vcpu', '2,2.5', '--lmi-memory', '4096', '--memory', '1024']);
  assert.deepEqual(
    planVariants(p).map((v) => v.id),
    ['lambda-m1024', 'lmi-c16-g2', 'lmi-c16-g2p5', 'lmi-c64-g2', 'lmi-c64-g2p5'],
  );
  assert.deepEqual(planVariants(p)[2], { id: 'lmi-c16-g2p5', mode: 'lmi', settings: { memoryMb: 4096, maxConcurrency: 16, gibPerVcpu: 2.5 } });
  for (const v of planVariants(p)) assert.match(v.id, /^[A-Za-z0-9_-]+$/);
});

test('modes select the variants', async () => {
  assert.deepEqual(planVariants(await plan(['--modes', 'lambda'])).map((v) => v.id), ['lambda-m512']);
  assert.deepEqual(planVariants(await plan(['--modes', 'lmi'])).map((v) => v.id), ['lmi-c64-g2']);
});

test('planToJson is plain JSON with the workload named', async () => {
  const p = await plan([]);
  const json = planToJson(p);
  assert.deepEqual(json['workload'], { name: 'io-bound', dir: p.workload.dir, builtIn: true });
  assert.deepEqual(json['variants'], planVariants(p));
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  assert.equal(json['runId'], p.runId);
});
