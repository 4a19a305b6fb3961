/**
 * The what-if month by hand: 50M requests a month × 120 ms × 1 GB = 6,000,000 GB-s on
 * arm64 at $0.0000133334 = $80.00, plus 50 × $0.20 = $10.00, so standard Lambda is $90.00; LMI
 * is whole instances of m7g.xlarge for 730 hours (on-demand + the 15% fee) plus $10 of requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { riskText, verdictText } from '../../runner/advise/words.ts';
import { options, rpsForMonth, snapshotPrices, whatIf } from './support.ts';

test('50M requests at 120 ms, 1024 MB arm64: Lambda $90.00 a month; LMI whole m7g.xlarge instances; break-even where the two meet', async () => {
  const prices = await snapshotPrices();
  const advice = advise(whatIf(), constantProfile(rpsForMonth(50_000_000)), options(), prices);

  assert.equal(advice.lambda.usdPerMonth.toFixed(2), '90.00');
  assert.equal(advice.traffic.requestsPerMonth.toFixed(0), '50000000');

  const m7g = prices.instances['m7g.xlarge'];
  assert.ok(m7g);
  assert.equal(advice.lmi.instanceType, 'm7g.xlarge');
  assert.ok(Number.isInteger(advice.lmi.instances) && advice.lmi.instances >= 3, `LMI instances ${advice.lmi.instances}`);
  const byHand = advice.lmi.instances * 730 * (m7g.onDemandUsdPerHour + m7g.managementFeeUsdPerHour) + 50 * prices.lmiRequestUsdPerMillion;
  assert.ok(Math.abs(advice.lmi.usdPerMonth - byHand) < 0.01, `LMI ${advice.lmi.usdPerMonth} vs by hand ${byHand}`);
  assert.ok(Math.abs(advice.savingUsdPerMonth - (advice.lambda.usdPerMonth - advice.lmi.usdPerMonth)) < 1e-9);
  assert.equal(advice.decision, 'lambda');
  assert.match(verdictText(advice), /^Stay on standard Lambda/);

  // Break-even: LMI is cheaper just above it and standard Lambda just below, in req/s and per month.
  const even = advice.breakEvenRequestsPerSecond;
  assert.ok(even !== null && even > advice.traffic.meanRps, `break-even ${even}`);
  assert.ok(Math.abs((advice.breakEvenRequestsPerMonth ?? 0) - even * 3600 * 730) < 1);
  const above = advise(whatIf(), constantProfile(even * 1.02), options(), prices);
  const below = advise(whatIf(), constantProfile(even * 0.98), options(), prices);
  assert.ok(above.savingUsdPerMonth > 0, 'LMI cheaper just above the break-even');
  assert.ok(below.savingUsdPerMonth < 0, 'standard Lambda cheaper just below it');
  assert.match(verdictText(advice), /requests a month/);

  assert.deepEqual(new Set(advice.risks.map((r) => r.kind)), new Set(['instance-floor', 'traffic-surge', 'runtime-version', 'concurrent-invocations']));
  const concurrency = advice.risks.find((r) => r.kind === 'concurrent-invocations');
  assert.ok(concurrency);
  assert.match(riskText(concurrency), /lmi-bench safety --workload/);
  assert.equal(advice.sensitivity, null, 'CPU time was given: no sensitivity table');
});

test('discounts: Compute Savings Plans take up to 17% off Lambda duration only; the LMI discount only the EC2 part', async () => {
  const prices = await snapshotPrices();
  const profile = constantProfile(rpsForMonth(50_000_000));
  const discounted = advise(whatIf(), profile, options({ lambdaDiscount: 0.17, lmiDiscount: 0.72 }), prices);
  // $80.00 of duration × 0.83 + $10 of requests.
  assert.equal(discounted.lambda.usdPerMonth.toFixed(2), (80.0004 * 0.83 + 10).toFixed(2));
  const m7g = prices.instances['m7g.xlarge'];
  assert.ok(m7g);
  const byHand = discounted.lmi.instances * 730 * (m7g.onDemandUsdPerHour * 0.28 + m7g.managementFeeUsdPerHour) + 10;
  assert.ok(Math.abs(discounted.lmi.usdPerMonth - byHand) < 0.01, `${discounted.lmi.usdPerMonth} vs ${byHand}`);
});
