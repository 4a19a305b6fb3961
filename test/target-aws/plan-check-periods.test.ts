// test-lane: concurrent: asserts plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustPlanForAws, durationCoveringPeriods } from '../../runner/target/aws/plan-check.ts';
import { UsageError } from '../../runner/errors.ts';
import { awsPlan } from './helpers.ts';

test('a level always contains the whole periods it asks for, wherever it starts', () => {
  for (const [requested, period] of [[10, 300], [300, 300], [301, 300], [900, 300], [45, 60], [61, 60]] as const) {
    const { durationSec, wholePeriods } = durationCoveringPeriods(requested, period);
    assert.ok(wholePeriods * period >= Math.min(requested, wholePeriods * period));
    // Worst-case start: 1 ms after a boundary. Count the aligned periods inside [start, start + duration).
    for (const offsetMs of [0, 1, period * 500, period * 1000 - 1]) {
      const startMs = 1_700_000_000_000 - (1_700_000_000_000 % (period * 1000)) + offsetMs;
      const endMs = startMs + durationSec * 1000;
      const firstWhole = Math.ceil(startMs / (period * 1000));
      const lastWholeEnd = Math.floor(endMs / (period * 1000));
      assert.ok(lastWholeEnd - firstWhole >= wholePeriods, `${requested}s/${period}s from +${offsetMs} ms`);
    }
  }
});

test('adjustPlanForAws raises LMI levels to cover a whole 5-minute period and says so', async () => {
  const plan = await awsPlan();
  const { plan: adjusted, notes } = adjustPlanForAws(plan);
  assert.equal(plan.durationSec, 10);
  assert.equal(adjusted.durationSec, 600);
  assert.ok(notes.some((n) => n.includes('raised from 10 s to 600 s') && n.includes('5-minute')));
  assert.ok(notes.some((n) => n.includes('Function URLs in front of LMI functions are unverified')));
  // Nothing else changes.
  assert.deepEqual({ ...adjusted, durationSec: 10 }, plan);
});

test('a standard-only plan needs whole 1-minute periods only', async () => {
  const { plan, notes } = adjustPlanForAws(await awsPlan(['--modes', 'lambda', '--duration', '90']));
  assert.equal(plan.durationSec, 180);
  assert.equal(notes.length, 1);
});

test('a plan that cannot deploy on AWS is refused with one line', async () => {
  const plan = await awsPlan();
  assert.throws(() => adjustPlanForAws({ ...plan, lmi: { ...plan.lmi, maxVcpus: 8 } }), (e: unknown) => e instanceof UsageError && /below 12/.test(e.message));
  assert.throws(
    () => adjustPlanForAws({ ...plan, lmi: { ...plan.lmi, memoryMb: 8192, gibPerVcpu: [2], maxVcpus: 12, minEnvironments: 4 } }),
    (e: unknown) => e instanceof UsageError && /need 16 vCPUs, above --lmi-max-vcpus 12/.test(e.message),
  );
});
