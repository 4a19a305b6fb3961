import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Placement } from '../../runner/engine/placement.ts';

test('placement: 3 base instances over 3 AZs, environments spread, new instances only when full, never past MaxVCpuCount', () => {
  const placement = new Placement({ instanceVcpus: 4, maxVcpus: 16 });
  assert.deepEqual(placement.point(0), { atMs: 0, environments: 0, instances: 3, vcpusAllocated: 0, vcpusAvailable: 12 });
  const first = [placement.place(2), placement.place(2), placement.place(2)];
  assert.equal(new Set(first.map((id) => id?.split('-').at(-1))).size, 3, 'one environment per AZ first');
  for (let i = 0; i < 3; i++) placement.place(2);
  assert.equal(placement.point(0).instances, 3, '6 × 2 vCPU fill 3 × 4 vCPU');
  const overflow = placement.place(2);
  assert.ok(overflow, 'a 4th instance fits under 16 vCPUs');
  assert.equal(placement.point(0).instances, 4);
  placement.place(2);
  assert.equal(placement.place(2), null, 'a 5th instance would exceed MaxVCpuCount');
  assert.equal(placement.canPlace(2), false);
  placement.release(overflow, 2);
  assert.equal(placement.point(0).instances, 4, 'the 4th instance still holds one environment');
  assert.throws(() => new Placement({ instanceVcpus: 8, maxVcpus: 16 }), /cannot hold one 8-vCPU instance in each of 3/);
});
