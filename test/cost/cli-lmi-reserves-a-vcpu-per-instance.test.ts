// test-lane: concurrent: asserts modelled prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.ts';

const example = ['cost', 'lmi', '--rps', '1000', '--cpu-ms', '20', '--duration-ms', '25', '--memory-mb', '2048', '--gib-per-vcpu', '2', '--target-cpu', '50', '--instance-type', 'm7g.2xlarge', '--offline'];

interface WhatIf {
  environments: number;
  instances: number;
  sizing: { environmentsPerInstance: number };
}

test('by default each instance keeps 1 vCPU and 1 GiB: 40 environments on 6 m7g.2xlarge (7 usable vCPUs), 5 with no reservation', async () => {
  // 1000 req/s × 20 ms CPU = 20 vCPUs busy; at 50% that is 40 one-vCPU environments.
  const reserved = await runCli(example);
  assert.equal(reserved.code, 0, reserved.stderr);
  const a = JSON.parse(reserved.stdout) as WhatIf;
  assert.deepEqual([a.environments, a.sizing.environmentsPerInstance, a.instances], [40, 7, 6]);
  const bare = await runCli([...example, '--instance-reserve-vcpu', '0', '--instance-reserve-gib', '0']);
  assert.equal(bare.code, 0, bare.stderr);
  const b = JSON.parse(bare.stdout) as WhatIf;
  assert.deepEqual([b.environments, b.sizing.environmentsPerInstance, b.instances], [40, 8, 5]);
});
