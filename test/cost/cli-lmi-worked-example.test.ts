// test-lane: concurrent: asserts modelled prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.ts';
import { cents } from './helpers/prices.ts';

test("`lmi-bench cost lmi` reproduces AWS's example to the cent: $160.36", async () => {
  const result = await runCli([
    'cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '1', '--hours', '2000', '--requests', '100000000',
    '--lmi-discount', '0.72', '--rate-decimals', '4', '--region', 'us-east-1', '--offline',
  ]);
  assert.equal(result.code, 0, result.stderr);
  const cost = JSON.parse(result.stdout) as { requestsUsd: number; ec2Usd: number; managementFeeUsd: number; totalUsd: number; ec2UsdPerHour: number; prices: { source: string } };
  assert.equal(cost.ec2UsdPerHour, 0.0457);
  assert.equal(cents(cost.requestsUsd), 20);
  assert.equal(cents(cost.ec2Usd), 91.4);
  assert.equal(cents(cost.managementFeeUsd), 48.96);
  assert.equal(cents(cost.totalUsd), 160.36);
  assert.equal(cost.prices.source, 'snapshot');
});
