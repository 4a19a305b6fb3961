// test-lane: concurrent: asserts scaler decisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScalingTarget } from '../../runner/capacity/scaling-target.ts';
import { scaleDecision, type ScalerObservation } from '../../runner/engine/scaler.ts';

const quiet: ScalerObservation = {
  environments: 3,
  starting: 0,
  minEnvironments: 3,
  maxEnvironments: Number.POSITIVE_INFINITY,
  slotsPerEnvironment: 10,
  vcpusPerEnvironment: 1,
  peakInFlight: 0,
  throttles: 0,
  cpuUtilization: 0,
  idleEnvironments: 0,
  target: resolveScalingTarget({ mode: 'auto' }),
};

test('scaler: keeps half the slots and half the CPU free, doubles on throttles, scales in idle environments (or drains busy ones) only down to the minimum', () => {
  assert.deepEqual(scaleDecision(quiet), { action: 'none' });
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 15 }), { action: 'none' }, '15 of 30 slots is the target');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 25 }), { action: 'out', add: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 30, throttles: 4 }), { action: 'out', add: 3 });
  // Throttled while 3 were in service, 6 ready by the tick: the 3 saturated ones are doubled, not the 6.
  assert.deepEqual(scaleDecision({ ...quiet, environments: 6, peakInFlight: 12, throttles: 4, environmentsWhenThrottled: 3 }), { action: 'none' });
  assert.deepEqual(scaleDecision({ ...quiet, cpuUtilization: 0.9 }), { action: 'out', add: 3 }, 'CPU at 90% of 3 envs wants 6');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 25, starting: 2 }), { action: 'none' }, 'environments already starting count');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 100, maxEnvironments: 5 }), { action: 'out', add: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 8 }), { action: 'in', remove: 5 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 2 }), { action: 'in', remove: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 0 }), { action: 'drain', remove: 5 }, 'busy environments above the target are drained, not stopped');
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, peakInFlight: 25, idleEnvironments: 0 }), { action: 'drain', remove: 3 }, '25 in flight needs 5 of the 8 at half their slots');
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, starting: 1 }), { action: 'none' }, 'nothing is removed while a scale-out is still starting');
  assert.deepEqual(scaleDecision({ ...quiet, idleEnvironments: 3 }), { action: 'none' }, 'never below the minimum');
});

test('scaler: a manual target is the same number the sizing model uses (70% CPU and 70% of slots)', () => {
  const manual = { ...quiet, target: resolveScalingTarget({ mode: 'manual', cpuPercent: 70 }) };
  // 21 in flight over 10-slot environments at 70% → 3; 22 → 4.
  assert.deepEqual(scaleDecision({ ...manual, peakInFlight: 21 }), { action: 'none' });
  assert.deepEqual(scaleDecision({ ...manual, peakInFlight: 22 }), { action: 'out', add: 1 });
  // 3 one-vCPU environments at 90% CPU = 2.7 vCPUs ÷ 0.7 → 4 environments (Auto would want 6).
  assert.deepEqual(scaleDecision({ ...manual, cpuUtilization: 0.9 }), { action: 'out', add: 1 });
});
