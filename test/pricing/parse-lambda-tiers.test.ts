import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLambdaPrices } from '../../runner/pricing/parse-lambda.ts';
import { lambdaUsEast2 } from './fixtures.ts';

test('GB-second tiers come from beginRange/endRange for both architectures, with a region-prefixed usagetype', () => {
  const parsed = parseLambdaPrices(lambdaUsEast2(), 'us-east-2');
  assert.deepEqual(parsed.lambda.x86_64.gbSecondTiers, [
    { upToGbSeconds: 6_000_000_000, usdPerGbSecond: 0.0000166667 },
    { upToGbSeconds: 15_000_000_000, usdPerGbSecond: 0.000015 },
    { upToGbSeconds: null, usdPerGbSecond: 0.0000133334 },
  ]);
  assert.deepEqual(parsed.lambda.arm64.gbSecondTiers, [
    { upToGbSeconds: 7_500_000_000, usdPerGbSecond: 0.0000133334 },
    { upToGbSeconds: 18_750_000_000, usdPerGbSecond: 0.0000120001 },
    { upToGbSeconds: null, usdPerGbSecond: 0.0000106667 },
  ]);
  assert.equal(parsed.lambda.x86_64.requestUsdPerMillion, 0.2);
  assert.equal(parsed.lambda.arm64.requestUsdPerMillion, 0.2);
  assert.equal(parsed.ephemeralStorageUsdPerGbSecond, 0.0000000309);
  assert.equal(parsed.usageTypePrefix, 'USE2-');
  assert.equal(parsed.managementFeeUsdPerHour.size, 0);
});

test('provisioned concurrency, Lambda@Edge and other regions do not pass for on-demand duration', () => {
  const parsed = parseLambdaPrices(lambdaUsEast2(), 'us-east-2');
  const all = [...parsed.lambda.x86_64.gbSecondTiers, ...parsed.lambda.arm64.gbSecondTiers].map((t) => t.usdPerGbSecond);
  assert.ok(!all.includes(0.0000041667) && !all.includes(0.00005001) && !all.includes(0.0000999999));
});

test('tiers with a gap are rejected rather than priced wrongly', () => {
  const gapped = lambdaUsEast2().map((entry) => entry.replace(/"beginRange": ?"6000000000"/, '"beginRange": "7000000000"'));
  assert.throws(() => parseLambdaPrices(gapped, 'us-east-2'), /not contiguous/);
});

test('a document set without an architecture says what is missing', () => {
  const x86Only = lambdaUsEast2().filter((entry) => !entry.includes('-ARM'));
  assert.throws(() => parseLambdaPrices(x86Only, 'us-east-2'), /GB-second prices \(arm64\), request price \(arm64\)/);
});
