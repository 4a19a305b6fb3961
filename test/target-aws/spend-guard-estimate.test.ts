// test-lane: concurrent: asserts estimates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { lambdaCost } from '../../runner/cost/lambda-cost.ts';
import { lmiCost } from '../../runner/cost/lmi-cost.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { UsageError } from '../../runner/errors.ts';
import { defaultSpendAssumptions, enforceSpendCap, estimateRunCost, minimumInstances } from '../../runner/target/aws/spend-guard.ts';
import { guardAwsSpend } from '../../runner/target/aws/guard.ts';
import { awsPlan } from './helpers.ts';

const prices = await loadPriceBook({ region: 'us-east-1', offline: true });

test('the standard-Lambda part is the cost model at the highest plausible rate', async () => {
  const plan = await awsPlan(['--modes', 'lambda', '--concurrency', '4,50', '--duration', '120', '--warmup', '0']);
  const estimate = estimateRunCost(plan, prices);
  // Concurrency 4: 400 requests/s for 120 s, each 10 ms; concurrency 50: 5,000 requests/s, each 10 ms.
  const expected =
    lambdaCost({ requests: 400 * 120, billedDurationMs: 10, memoryMb: 512, architecture: plan.lambda.architecture }, prices).totalUsd +
    lambdaCost({ requests: 5000 * 120, billedDurationMs: 10, memoryMb: 512, architecture: plan.lambda.architecture }, prices).totalUsd;
  assert.equal(estimate.lines.length, 1);
  assert.ok(Math.abs(estimate.totalUsd - expected) < 1e-9);
  // Independently: $0.20 per million requests plus GB-seconds at the first tier's price.
  const tier = prices.lambda[plan.lambda.architecture].gbSecondTiers[0]?.usdPerGbSecond ?? NaN;
  const byHand = (648_000 / 1e6) * prices.lambda[plan.lambda.architecture].requestUsdPerMillion + 648_000 * 0.01 * 0.5 * tier;
  assert.ok(Math.abs(estimate.totalUsd - byHand) < 1e-9, `${estimate.totalUsd} vs ${byHand}`);
  assert.equal(estimate.wallHours, 240 / 3600 + (defaultSpendAssumptions.deployOverheadMin + defaultSpendAssumptions.destroyOverheadMin) / 60);
});

test('the LMI minimum fleet runs for the whole deployed time at on-demand plus the 15% fee', async () => {
  const plan = await awsPlan(['--modes', 'lmi', '--lmi-max-concurrency', '8,32', '--concurrency', '1', '--duration', '600', '--warmup', '0']);
  const variants = planVariants(plan);
  assert.equal(variants.length, 2);
  const estimate = estimateRunCost(plan, prices);
  const wallHours = (2 * 600) / 3600 + (10 + 10 + 2 * 5) / 60;
  assert.ok(Math.abs(estimate.wallHours - wallHours) < 1e-12);
  // 2 versions × 3 environments of 1 vCPU over 3 AZs on 4-vCPU m7i.xlarge (the default x86_64
  // architecture's emulated type; 3 vCPUs usable beside the reservation): one instance per AZ.
  assert.equal(minimumInstances(plan, variants, 4), 3);
  const fleet = estimate.lines.find((l) => l.item.startsWith('LMI minimum fleet'));
  assert.equal(plan.lmi.instanceType, 'm7i.xlarge');
  const instance = prices.instances['m7i.xlarge'];
  assert.ok(fleet && instance);
  const byHand = 3 * wallHours * instance.onDemandUsdPerHour * 1.15;
  assert.ok(Math.abs(fleet.usd - byHand) < 1e-6, `${fleet.usd} vs ${byHand}`);
  assert.ok(Math.abs(fleet.usd - lmiCost({ instanceType: 'm7i.xlarge', instances: 3, hours: wallHours, requests: 0 }, prices).totalUsd) < 1e-12);
  assert.ok(Math.abs(estimate.totalUsd - estimate.lines.reduce((a, l) => a + l.usd, 0)) < 1e-12);
});

test('more or bigger environments need more minimum instances', async () => {
  const plan = await awsPlan(['--modes', 'lmi', '--lmi-memory', '8192', '--lmi-min-environments', '6']);
  // 6 environments of 4 vCPUs: 2 per AZ = 8 vCPUs per AZ = 2 m7g.xlarge per AZ.
  assert.equal(minimumInstances(plan, planVariants(plan), 4), 6);
});

test('a run above the cap is refused with exit-2 error naming the cap to pass', async () => {
  const plan = await awsPlan();
  const estimate = estimateRunCost(plan, prices);
  assert.ok(estimate.totalUsd > 0.02);
  assert.throws(() => enforceSpendCap(estimate, 0.01), (e: unknown) => e instanceof UsageError && /above the \$0\.01 cap: .*--max-spend \d+/.test(e.message));
  assert.doesNotThrow(() => enforceSpendCap(estimate, estimate.totalUsd + 0.01));

  const printed: string[] = [];
  await assert.rejects(guardAwsSpend({ ...plan, aws: { keep: false, maxSpendUsd: 0.01 } }, { credentials: null, log: (l) => printed.push(l) }), UsageError);
  assert.match(printed.join('\n'), /Estimated AWS cost of this run: \$\d+\.\d\d \(cap \$0\.01; prices as of \d{4}-\d\d-\d\d/);
});
