// test-lane: serial: starts its own CPU burner and compares measured crossovers within 20%.
// Another process burning a core while the run measures must not move
// the verdict. Lambda is priced at the modelled duration (run-queue wait left out) and LMI sizes by
// CPU time, so the crossover stays within 20% of the quiet run's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadWorkload } from '../../runner/workload/load.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import { pricedSweep } from '../fixtures/priced-sweep.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';

// Both runs on one engine, started before either: the second run pays no engine start, and
// each run deploys, measures and removes its own functions as it would on an engine of its own.
let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

const plan = (runId: string) =>
  testPlan({
    runId,
    workload: loadWorkload(resolve('test/fixtures/workloads/wait-then-hash')),
    concurrency: [8],
    durationSec: 4,
    warmupSec: 1.5,
    trials: 1,
    event: { waitMs: 40, rounds: 1100 },
    lambda: { memoryMb: 512, architecture: 'arm64', concurrencyLimit: 1000, idleTimeoutSec: 300 },
    // The default for Node.js at 1 vCPU: the environments are sized by CPU, as on AWS.
    lmi: { memoryMb: 2048, maxConcurrency: [64], gibPerVcpu: [2], minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400 },
  });

/** A process that keeps one core busy; it ends on its own after `maxMs` if nothing kills it. */
function burnOneCore(maxMs: number) {
  return spawn(process.execPath, ['-e', `const end = Date.now() + ${maxMs}; while (Date.now() < end) {}`], { stdio: 'ignore' });
}

test('a CPU-burning process occupying one core moves the crossover by less than 20%', async (t) => {
  const quiet = await pricedSweep(plan('burner-quiet'), engine);
  const burner = burnOneCore(90_000);
  let busy;
  try {
    busy = await pricedSweep(plan('burner-busy'), engine);
  } finally {
    burner.kill('SIGKILL');
  }
  const quietRps = quiet.crossover?.requestsPerSecond[0];
  const busyRps = busy.crossover?.requestsPerSecond[0];
  assert.ok(quietRps !== undefined && busyRps !== undefined, `both runs have a crossover: ${quiet.crossover?.basis.note} / ${busy.crossover?.basis.note}`);
  const lambda = (run: typeof quiet) => JSON.stringify(run.levels.map((l) => (l.state === 'measured' ? l.durationModel : undefined)).find(Boolean));
  t.diagnostic(`crossover quiet ${quietRps.toFixed(1)} req/s, with the burner ${busyRps.toFixed(1)} req/s (${((busyRps / quietRps - 1) * 100).toFixed(1)}%)`);
  assert.ok(
    Math.abs(busyRps / quietRps - 1) < 0.2,
    `crossover ${busyRps.toFixed(1)} req/s with the burner vs ${quietRps.toFixed(1)} quiet\nquiet: ${quiet.crossover?.basis.note} ${lambda(quiet)}\nbusy: ${busy.crossover?.basis.note} ${lambda(busy)}`,
  );
});
