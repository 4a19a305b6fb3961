import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleDecision, type ScalerObservation } from '../../runner/engine/scaler.ts';

const quiet: ScalerObservation = {
  environments: 3,
  starting: 0,
  minEnvironments: 3,
  maxEnvironments: Number.POSITIVE_INFINITY,
  slotsPerEnvironment: 10,
  peakInFlight: 0,
  throttles: 0,
  cpuUtilization: 0,
  idleEnvironments: 0,
};

test('scaler: keeps half the slots and half the CPU free, doubles on throttles, scales in idle environments only down to the minimum', () => {
  assert.deepEqual(scaleDecision(quiet), { action: 'none' });
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 15 }), { action: 'none' }, '15 of 30 slots is the target');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 25 }), { action: 'out', add: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 30, throttles: 4 }), { action: 'out', add: 3 });
  assert.deepEqual(scaleDecision({ ...quiet, cpuUtilization: 0.9 }), { action: 'out', add: 3 }, 'CPU at 90% of 3 envs wants 6');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 25, starting: 2 }), { action: 'none' }, 'environments already starting count');
  assert.deepEqual(scaleDecision({ ...quiet, peakInFlight: 100, maxEnvironments: 5 }), { action: 'out', add: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 8 }), { action: 'in', remove: 5 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 2 }), { action: 'in', remove: 2 });
  assert.deepEqual(scaleDecision({ ...quiet, environments: 8, idleEnvironments: 0 }), { action: 'none' }, 'busy environments are never scaled in');
  assert.deepEqual(scaleDecision({ ...quiet, idleEnvironments: 3 }), { action: 'none' }, 'never below the minimum');
});
