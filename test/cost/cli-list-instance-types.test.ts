// test-lane: concurrent: asserts the price table.
/**
 * `lmi-bench cost --list-instance-types`: every priced type of the architecture with its shape,
 * and an LMI hourly rate that is EC2 after the discount plus the fee on the on-demand price.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.ts';

test('cost --list-instance-types lists the priced types with the LMI hourly rate', async () => {
  const result = await runCli(['cost', '--list-instance-types', '--arch', 'arm64', '--lmi-discount', '0.72', '--offline', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout) as { instanceTypes: Array<{ instanceType: string; architecture: string; vcpus: number; onDemandUsdPerHour: number; managementFeeUsdPerHour: number; lmiUsdPerHour: number }> };
  assert.ok(out.instanceTypes.length >= 4);
  assert.ok(out.instanceTypes.every((t) => t.architecture === 'arm64'));
  const m7g = out.instanceTypes.find((t) => t.instanceType === 'm7g.xlarge');
  assert.ok(m7g);
  assert.equal(m7g.vcpus, 4);
  // The worked example's figures: $0.1632 on demand, 72% off the EC2 part, the 15% fee on the on-demand price.
  assert.ok(Math.abs(m7g.lmiUsdPerHour - (0.1632 * 0.28 + 0.1632 * 0.15)) < 1e-9);

  const table = await runCli(['cost', '--list-instance-types', '--offline']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^m7g\.xlarge\s+arm64\s+4\s+16\s+0\.1632/m);
  assert.match(table.stdout, /^m7i\.xlarge\s+x86_64\s+4\s+16/m);
});

test('cost --list-instance-types takes the discount as --lmi-discount, as cost lmi does, and refuses the old --discount in one line', async () => {
  const refused = await runCli(['cost', '--list-instance-types', '--discount', '0.72', '--offline']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--discount is gone: use --lmi-discount/);
  assert.equal(refused.stderr.trim().split('\n').length, 1);
  const lmi = await runCli(['cost', 'lmi', '--discount', '0.72', '--offline']);
  assert.equal(lmi.code, 2, 'cost lmi refuses it the same way');
  assert.match(lmi.stderr, /--discount is gone: use --lmi-discount/);
});
