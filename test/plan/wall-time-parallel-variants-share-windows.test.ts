// test-lane: concurrent: asserts wall-time estimates (computed, not measured).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWallTimeAssumptions, estimateWallTime } from '../../runner/plan/wall-time.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import { tempPlanner } from './plan-in-temp-dir.ts';

const planner = tempPlanner('wall-time');
const second = 1000;
const minute = 60 * second;

test('local: parallel variants save the load of every variant but the slowest deploy', () => {
  // 2 variants × 2 levels; each level: 0.2 s warm-up + 2 trials × 0.5 s, 3 phases.
  const plan = testPlan();
  const a = defaultWallTimeAssumptions.local;
  const levelMs = 200 + 2 * 500 + 3 * a.drainMs;
  const estimate = estimateWallTime(plan);
  assert.equal(estimate.variants, 2);
  assert.equal(estimate.levels, 2);
  assert.equal(estimate.sequentialMs, a.engineStartMs + a.lambdaDeployMs + a.lmiDeployMs + 2 * 2 * levelMs);
  assert.equal(estimate.parallelMs, a.engineStartMs + a.lmiDeployMs + 2 * levelMs);
  // Workers add their deploy and a lead before each phase.
  const withWorkers = estimateWallTime(plan, { loadWorkers: 2 });
  assert.equal(withWorkers.sequentialMs - estimate.sequentialMs, a.workerDeployMs + 2 * 2 * 3 * a.workerLeadMs);
});

test('a single variant has nothing to share', () => {
  const estimate = estimateWallTime(testPlan({ modes: ['lmi'] }));
  assert.equal(estimate.parallelMs, undefined);
  assert.equal(estimate.variants, 1);
});

test('aws default plan with 4 workers: side by side takes at most 55% of one variant after another', async () => {
  const plan = { ...(await planner.plan(['--workload', 'io-bound', '--offline'])), target: 'aws' as const };
  const estimate = estimateWallTime(plan, { loadWorkers: 4 });
  const a = defaultWallTimeAssumptions.aws;
  assert.equal(estimate.setupMs, a.stackDeployMs + a.lmiProvisioningMs + a.stackDestroyMs);
  // Unaligned trials need 2 periods of 5 minutes for the 10 s asked; aligned ones need 1.
  assert.deepEqual(estimate.trialMs, { sequential: 10 * minute, parallel: 5 * minute });
  // Sequential: per level, the standard variant's pull waits 30 s + settle, the LMI one 150 s + settle.
  const phaseMs = 2 * second + (10 * minute + a.drainMs) + 2 * a.workerLeadMs;
  const pull = (halfPeriodMs: number): number => halfPeriodMs + a.metricsSettleMs + a.metricsConfirmReadMs;
  assert.equal(estimate.sequentialMs, estimate.setupMs + 4 * (2 * phaseMs + pull(30 * second) + pull(150 * second)));
  assert.equal(estimate.parallelMs, estimate.setupMs + 150 * second + 4 * 5 * minute + a.metricsSettleMs + a.metricsConfirmReadMs);
  const ratio = (estimate.parallelMs ?? Infinity) / estimate.sequentialMs;
  assert.ok(ratio <= 0.55, `parallel/sequential = ${ratio.toFixed(3)}`);
  assert.ok(estimate.assumptions.some((line) => line.includes('aligned')));
});

test('aws: an already long level keeps its whole periods in both figures', async () => {
  const plan = { ...(await planner.plan(['--workload', 'io-bound', '--offline', '--duration', '900', '--modes', 'lmi', '--lmi-max-concurrency', '8,32'])), target: 'aws' as const };
  const estimate = estimateWallTime(plan);
  assert.deepEqual(estimate.trialMs, { sequential: 20 * minute, parallel: 15 * minute });
  assert.equal(estimate.variants, 2);
  assert.ok((estimate.parallelMs ?? 0) < estimate.sequentialMs);
});
