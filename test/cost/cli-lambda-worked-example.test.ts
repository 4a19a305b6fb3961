// test-lane: concurrent: asserts modelled prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.ts';
import { cents } from './helpers/prices.ts';

test("`lmi-bench cost lambda` reproduces AWS's example to the cent: $2.73", async () => {
  const result = await runCli(['cost', 'lambda', '--requests', '3000000', '--duration-ms', '120', '--memory-mb', '1536', '--arch', 'x86_64', '--free-tier', '--offline']);
  assert.equal(result.code, 0, result.stderr);
  const cost = JSON.parse(result.stdout) as { requestsUsd: number; computeUsd: number; storageUsd: number; totalUsd: number; prices: { source: string; asOf: string; region: string } };
  assert.equal(cents(cost.computeUsd), 2.33);
  assert.equal(cents(cost.requestsUsd), 0.4);
  assert.equal(cost.storageUsd, 0);
  assert.equal(cents(cost.totalUsd), 2.73);
  assert.equal(cost.prices.source, 'snapshot');
  assert.equal(cost.prices.region, 'us-east-1');
  assert.match(cost.prices.asOf, /^\d{4}-\d{2}-\d{2}$/);
});
