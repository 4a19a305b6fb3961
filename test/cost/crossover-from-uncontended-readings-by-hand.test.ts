/**
 * A mixed handler (about 40 ms waiting + 15-18 ms CPU, 512 MB): the crossover comes from the
 * concurrency-1 CPU and off-CPU times, whatever the busiest level read under contention. By
 * hand: Lambda bills ceil(41.6 + 17.5 × 1769/512) = 103 ms at 0.5 GB; LMI on m7i.xlarge at its
 * 3-instance floor (3 one-vCPU environments each, after the 1 vCPU + 1 GiB reservation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import type { MeasuredLevel, RunFile } from '../../runner/run/run-file.ts';
import { measuredLevel, sampleRun } from './helpers/run.ts';

function mixedRun(): RunFile {
  const run = sampleRun();
  const lambda = { memoryMb: 512 };
  const lmi = { memoryMb: 2048, maxConcurrency: 64, gibPerVcpu: 2 };
  const alone = measuredLevel({ mode: 'lambda', variantId: 'lambda-m512', concurrency: 1, ok: 150, throughputRps: 15, durationMs: 59, latencyMeanMs: 60, cpuSecondsPerRequest: 0.0175, settings: lambda });
  alone.accounting = { invocations: 150, wallMeanMs: 59.1, cpuMeanMs: 17.5, runQueueMeanMs: 0 };
  // 16 environments on 2 cores: CPU +26%, off-CPU +18%, and a long run-queue wait.
  const crowded = measuredLevel({ mode: 'lambda', variantId: 'lambda-m512', concurrency: 16, ok: 1600, throughputRps: 120, durationMs: 130, latencyMeanMs: 133, cpuSecondsPerRequest: 0.022, settings: lambda });
  crowded.accounting = { invocations: 1600, wallMeanMs: 131.1, cpuMeanMs: 22.0, runQueueMeanMs: 60 };
  run.levels = [
    alone,
    crowded,
    measuredLevel({ mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 1, ok: 160, throughputRps: 16, durationMs: 59, latencyMeanMs: 60, cpuSecondsPerRequest: 0.0175, settings: lmi }),
    measuredLevel({ mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 16, ok: 1700, throughputRps: 130, durationMs: 70, latencyMeanMs: 72, cpuSecondsPerRequest: 0.022, settings: lmi }),
  ];
  return run;
}

test('the crossover is within 10% of the hand computation from the concurrency-1 readings, though the busiest level read more under contention', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const priced = attachCosts(mixedRun(), prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', instanceType: 'm7i.xlarge', minEnvironments: 3 });
  const crowded = priced.levels.find((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lambda' && l.concurrency === 16);
  assert.ok(crowded?.durationModel);
  assert.equal(priced.crossover?.basis.lambdaVariantId, 'lambda-m512');
  // By hand: Lambda $/request = $0.20/M + 0.103 s × 0.5 GB × $0.0000166667; LMI = 3 × $0.2016 × 1.15 an hour + $0.20/M.
  const lambdaPerRequest = 0.2e-6 + 0.103 * 0.5 * 0.0000166667;
  const floorPerHour = 3 * 0.2016 * 1.15;
  const byHand = floorPerHour / (3600 * (lambdaPerRequest - 0.2e-6));
  // At that rate the floor still holds: 225 req/s × 17.5 ms = 3.9 vCPUs → 8 environments at 50%, 9 fit on 3 instances.
  assert.ok(byHand * 0.0175 / 0.5 <= 9);
  const found = priced.crossover?.requestsPerSecond[0];
  assert.ok(found !== undefined && Math.abs(found / byHand - 1) <= 0.1, `crossover ${found} req/s vs ${byHand.toFixed(1)} by hand`);
  // The contended readings alone would have put it near 184 req/s, 18% low.
  const contendedDuration = Math.ceil(49.1 + 22.0 * 1769 / 512);
  const contended = floorPerHour / (3600 * contendedDuration / 1000 * 0.5 * 0.0000166667);
  assert.ok(Math.abs(contended / byHand - 1) > 0.1, 'the case separates the two readings');
});
