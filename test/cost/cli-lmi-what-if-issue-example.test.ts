// test-lane: concurrent: asserts modelled prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.ts';

const example = ['cost', 'lmi', '--cpu-ms', '30', '--duration-ms', '50', '--memory-mb', '2048', '--gib-per-vcpu', '2', '--target-cpu', '60', '--instance-type', 'm7g.2xlarge', '--instance-reserve-vcpu', '0', '--instance-reserve-gib', '0', '--offline'];

interface WhatIf {
  environments: number;
  instances: number;
  instanceType: string;
  usdPerHour: number;
  requestsUsd: number;
  ec2Usd: number;
  managementFeeUsd: number;
}

test('`cost lmi --rps` prints the sized fleet as JSON with no --instances: 400 req/s → 20 environments on 3 instances, 4000 → 200 on 25', async () => {
  const small = await runCli([...example, '--rps', '400']);
  assert.equal(small.code, 0, small.stderr);
  const a = JSON.parse(small.stdout) as WhatIf;
  assert.deepEqual([a.environments, a.instances, a.instanceType], [20, 3, 'm7g.2xlarge']);
  const large = await runCli([...example, '--rps', '4000']);
  assert.equal(large.code, 0, large.stderr);
  const b = JSON.parse(large.stdout) as WhatIf;
  assert.deepEqual([b.environments, b.instances, b.instanceType], [200, 25, 'm7g.2xlarge']);
  assert.ok(Math.abs(b.requestsUsd + b.ec2Usd + b.managementFeeUsd - b.usdPerHour) < 1e-6);
});

test('`cost lmi --discount` is refused with one line naming the two discounts that replace it', async () => {
  const result = await runCli(['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '1', '--hours', '1', '--requests', '1', '--discount', '0.5', '--offline']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /--discount is gone: use --lmi-discount 0-0\.72 .* and --lambda-discount 0-0\.17/);
});
