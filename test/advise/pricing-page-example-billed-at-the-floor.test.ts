// test-lane: concurrent: asserts modelled prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../cost/helpers/cli.ts';

// AWS's LMI pricing example: 100M requests a month, 200 ms, m7g.xlarge, a 3-year Compute Savings
// Plan (72%). The page assumes about 2,000 instance-hours ($160.36, test/cost/cli-lmi-worked-example);
// three instances all month are 3 × 730 = 2,190: $20 + 2,190 × ($0.045696 + $0.02448) = $173.69.
test("advise prices AWS's pricing example at the 3-instance floor, 2,190 instance-hours, and says why", async () => {
  const result = await runCli([
    'advise', '--requests-per-month', '100000000', '--duration-ms', '200', '--memory-mb', '2048', '--cpu-ms', '20',
    '--instance-type', 'm7g.xlarge', '--lmi-discount', '0.72', '--offline',
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /\$173\.69/);
  assert.match(result.stdout, /3 × m7g\.xlarge \(2,190 instance-hours\)/);
  assert.match(result.stdout, /3 × 730 h = 2,190 instance-hours a month at least/);
});
