// The recommendation picks the cheapest LMI combination without throttles (and within the
// p99 objective when one is given), lists why the others were rejected, and is absent
// without a sweep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recommendSettings } from '../../runner/analysis/recommend.ts';
import { level, logNormalMs, run } from './constructed.ts';

function variant(maxConcurrency: number, medianMs: number, usdPerMillionRequests: number, throttled = 0) {
  return level([logNormalMs(300, medianMs, maxConcurrency)], {
    variantId: `lmi-c${maxConcurrency}-g2`,
    settings: { memoryMb: 2048, maxConcurrency, gibPerVcpu: 2 },
    requests: { ok: 300, throttled, errors: 0 },
    cost: { usdPerMillionRequests, usdPerHour: 1 },
  });
}

test('cheapest without throttles, then within the p99 objective; absent without a sweep', () => {
  const levels = [variant(4, 100, 5, 12), variant(16, 200, 7), variant(64, 400, 6)];
  const noObjective = recommendSettings(run('r', levels), null);
  assert.equal(noObjective?.variantId, 'lmi-c64-g2');
  assert.match(noObjective?.reason ?? '', /no --slo-p99-ms objective/);
  assert.deepEqual(noObjective?.rejected, ['lmi-c4-g2: 12 throttled at concurrency 16']);

  const withObjective = recommendSettings(run("r", levels), 450);
  assert.equal(withObjective?.variantId, 'lmi-c16-g2');
  assert.equal(withObjective?.sloP99Ms, 450);
  assert.ok(withObjective?.rejected.some((why) => why.startsWith('lmi-c64-g2: p99')));

  const none = recommendSettings(run('r', levels), 10);
  assert.equal(none?.variantId, null);
  assert.match(none?.reason ?? '', /none of the 3 LMI settings met p99 ≤ 10 ms/);

  assert.equal(recommendSettings(run('r', [variant(16, 200, 7)]), null), undefined);
});

test('the reason is in words with rounded dollars, never raw keys or long floats', () => {
  const levels = [variant(16, 200, 0.6678987630208334), variant(64, 400, 0.7123456)];
  const reason = recommendSettings(run('r', levels), null)?.reason ?? '';
  assert.match(reason, /^up to 16 requests at once per environment at 2 GiB per vCPU is the cheapest of the 2 settings \(of 2 swept\)/);
  assert.match(reason, /\$0\.67 per million requests on average; the next cheapest, up to 64 requests at once per environment at 2 GiB per vCPU, costs \$0\.71/);
  assert.doesNotMatch(reason, /usdPerMillionRequests|0\.66789/);
});
