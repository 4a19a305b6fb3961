// test-lane: concurrent: asserts cold-start counts and that cold costs more than warm; a slower machine only lengthens the 500 ms init it bills.
// Standard Lambda bills INIT. A handler with a 500 ms init costs more
// per million requests at a level whose environments start cold (in its warm-up, as a traffic
// step of that size would start them) than at the same level run again on warm environments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadWorkload } from '../../runner/workload/load.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import { measured, pricedSweep } from '../fixtures/priced-sweep.ts';

test('the same level costs more with its cold starts than warm, by the INIT share it reports', async () => {
  const run = await pricedSweep(
    testPlan({
      runId: 'init-billed',
      workload: loadWorkload(resolve('test/fixtures/workloads/slow-init')),
      modes: ['lambda'],
      // The same level twice: the first starts 4 environments, the second finds them warm.
      concurrency: [4, 4],
      durationSec: 2,
      warmupSec: 0.5,
      trials: 1,
      event: {},
      lambda: { memoryMb: 1024, architecture: 'arm64', concurrencyLimit: 1000, idleTimeoutSec: 300 },
    }),
  );
  const cold = measured(run, 'lambda', 4, 0);
  const warm = measured(run, 'lambda', 4, 1);
  const coldStarts = cold.coldStarts + (cold.warmup?.coldStarts ?? 0);
  assert.equal(coldStarts, 4, 'the first run of the level starts 4 environments');
  assert.equal(warm.coldStarts + (warm.warmup?.coldStarts ?? 0), 0, 'the second finds them warm');
  assert.ok((cold.warmup?.initDurationMs?.mean ?? cold.initDurationMs?.mean ?? 0) >= 500, 'the init durations include the 500 ms init');
  assert.ok(cold.cost && warm.cost);
  assert.ok(cold.cost.usdPerMillionRequests > warm.cost.usdPerMillionRequests, `cold ${cold.cost.usdPerMillionRequests} $/M vs warm ${warm.cost.usdPerMillionRequests} $/M`);
  assert.ok((cold.cost.initShare ?? 0) > 0.05, `INIT share ${cold.cost.initShare}`);
  assert.equal(warm.cost.initShare, 0);
});
