// test-lane: concurrent: asserts placement arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Placement } from '../../runner/engine/placement.ts';

const xlarge = { vcpus: 4, memoryGiB: 16 };

test('placement: 3 base instances over 3 AZs, environments spread, new instances only when full, never past MaxVCpuCount', () => {
  const placement = new Placement({ instance: xlarge, environment: { vcpus: 2, memoryGiB: 4 }, maxVcpus: 16 });
  assert.deepEqual(placement.point(0), { atMs: 0, environments: 0, instances: 3, vcpusAllocated: 0, vcpusAvailable: 12, instancesLaunching: 0, environmentsAwaitingInstance: 0 });
  const first = [placement.place(), placement.place(), placement.place()];
  assert.equal(new Set(first.map((id) => id?.split('-').at(-1))).size, 3, 'one environment per AZ first');
  for (let i = 0; i < 3; i++) placement.place();
  assert.equal(placement.point(0).instances, 3, '6 × 2 vCPU fill 3 × 4 vCPU');
  const overflow = placement.place();
  assert.ok(overflow, 'a 4th instance fits under 16 vCPUs');
  assert.equal(placement.point(0).instances, 4);
  placement.place();
  assert.equal(placement.place(), null, 'a 5th instance would exceed MaxVCpuCount');
  assert.equal(placement.canPlace(), false);
  placement.release(overflow);
  assert.equal(placement.point(0).instances, 4, 'the 4th instance still holds one environment');
  assert.throws(() => new Placement({ instance: { vcpus: 8, memoryGiB: 32 }, environment: { vcpus: 1, memoryGiB: 2 }, maxVcpus: 16 }), /cannot hold one 8-vCPU instance in each of 3/);
});

test('placement packs by memory and the reservation as the sizing model does', () => {
  // 8 GiB at 8 GiB/vCPU: 1 vCPU, but only 2 fit in 16 GiB.
  assert.equal(new Placement({ instance: xlarge, environment: { vcpus: 1, memoryGiB: 8 }, maxVcpus: 400 }).environmentsPerInstance, 2);
  const reserved = new Placement({ instance: xlarge, environment: { vcpus: 1, memoryGiB: 2 }, reservation: { vcpus: 0.5, memoryGiB: 1 }, maxVcpus: 400 });
  assert.equal(reserved.environmentsPerInstance, 3);
  for (let i = 0; i < 10; i++) reserved.place();
  // 10 environments at 3 per instance, spread over 3 AZs (4 + 3 + 3): 4 instances.
  assert.equal(reserved.point(0).instances, 4);
  assert.throws(() => new Placement({ instance: xlarge, environment: { vcpus: 1, memoryGiB: 16 }, reservation: { vcpus: 0, memoryGiB: 1 }, maxVcpus: 400 }), /does not fit/);
});

test('placement: an instance added by scale-out runs after the launch delay; a running instance with room is used first', () => {
  const placement = new Placement({ instance: xlarge, environment: { vcpus: 2, memoryGiB: 4 }, maxVcpus: 400, launchDelayMs: 60_000 });
  const base = Array.from({ length: 6 }, () => placement.place(1000));
  assert.ok(base.every((id) => id !== null && placement.readyAt(id) === Number.NEGATIVE_INFINITY), 'the base instances run from publish');
  const added = placement.place(1000);
  assert.ok(added);
  assert.equal(placement.readyAt(added), 61_000);
  assert.deepEqual([placement.point(1000).instancesLaunching, placement.point(1000).environmentsAwaitingInstance], [1, 1]);
  // A second environment shares the launching instance rather than launching another.
  assert.equal(placement.place(2000), added);
  assert.equal(placement.point(2000).instances, 4);
  // Once it runs, nothing is launching; a freed place on a running instance is taken before any new one.
  assert.deepEqual([placement.point(61_000).instancesLaunching, placement.point(61_000).environmentsAwaitingInstance], [0, 0]);
  placement.release(base[0] ?? '');
  assert.equal(placement.place(62_000), base[0]);
});
