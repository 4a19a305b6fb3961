// test-lane: pure: parses plans and estimates their wall time; no process, socket or clock (runner/cli's flag parser is impure by name only).
/**
 * The plan's wall time counts the levels whose warm-up scales LMI out onto instances that must
 * launch first: the sweep waits about the launch delay for each. The settings sweep
 * `--lmi-max-concurrency 4,16,64 --lmi-gib-per-vcpu 2,4 --concurrency 32` measured 220 s against
 * a 102 s estimate, 121 s of it two such waits (lmi-c4-g2 and lmi-c16-g2, whose 2-vCPU
 * environments fit one per m7i.xlarge); the default bench has none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateWallTime } from '../../runner/plan/wall-time.ts';
import { predictedLaunchWaits } from '../../runner/plan/launch-waits.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { tempPlanner } from './plan-in-temp-dir.ts';

const planner = tempPlanner('launch-waits');
const sweep = ['--offline', '--lmi-max-concurrency', '4,16,64', '--lmi-gib-per-vcpu', '2,4', '--concurrency', '32'];

test('the settings sweep waits twice, where the warm-up asks for more environments than the 3 instances hold', async () => {
  const plan = await planner.plan(sweep);
  const waits = predictedLaunchWaits(plan, planVariants(plan));
  // c4-g2: 3 environments' 12 slots full at c=32, throttled: 6 asked, 3 fit. c4-g4 asks 6 too, but 1-vCPU
  // environments fit 3 per instance. c16-g2: 32 in flight at 50% of 16 slots is 4, one more than fit.
  assert.deepEqual(waits, [
    { variantId: 'lmi-c4-g2', concurrency: 32, environments: 3 },
    { variantId: 'lmi-c16-g2', concurrency: 32, environments: 1 },
  ]);
  const without = estimateWallTime({ ...plan, lmi: { ...plan.lmi, instanceLaunchDelaySec: 0 } });
  const withWaits = estimateWallTime(plan);
  assert.equal(withWaits.sequentialMs - without.sequentialMs, 2 * 60_000);
  assert.ok(withWaits.assumptions.some((a) => a.startsWith('2 waits of 60 s for instances to launch') && a.includes('lmi-c4-g2 c=32, lmi-c16-g2 c=32')));
});

test('the default bench and a plan without a launch delay wait for no launch', async () => {
  const plan = await planner.plan(['--offline']);
  assert.deepEqual(predictedLaunchWaits(plan, planVariants(plan)), []);
  assert.ok(estimateWallTime(plan).assumptions.includes('no level scales out beyond the instances already running: no wait for an instance launch'));
  const quick = await planner.plan([...sweep, '--instance-launch-delay', '0']);
  assert.deepEqual(predictedLaunchWaits(quick, planVariants(quick)), []);
});

test('side by side, the variants of one level wait for their launches together: one delay per level', async () => {
  const plan = await planner.plan(sweep);
  const without = estimateWallTime({ ...plan, lmi: { ...plan.lmi, instanceLaunchDelaySec: 0 } });
  assert.equal((estimateWallTime(plan).parallelMs ?? 0) - (without.parallelMs ?? 0), 60_000);
});
