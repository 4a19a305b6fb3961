/**
 * On the local target, a variant's lowest level (its environments alone) gives the CPU and
 * off-CPU time that the duration model and LMI sizing use at every level; each level keeps its
 * own contended readings beside them, with the contention factor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import type { MeasuredLevel } from '../../runner/run/run-file.ts';
import { sampleRun } from './helpers/run.ts';

test('the lone level feeds every level; the crowded level keeps its readings and contention factor as a diagnostic', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const run = sampleRun();
  const lambda = run.levels.filter((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lambda');
  // c=1: 41.6 ms off-CPU + 17.5 ms CPU; c=32: contention adds CPU (22.0) and off-CPU (49.1) and run-queue wait.
  const [alone, crowded] = [lambda.find((l) => l.concurrency === 1), lambda.find((l) => l.concurrency === 32)];
  assert.ok(alone && crowded);
  alone.settings.memoryMb = 512;
  crowded.settings.memoryMb = 512;
  alone.accounting = { invocations: 180, wallMeanMs: 59.1, cpuMeanMs: 17.5, runQueueMeanMs: 0 };
  crowded.accounting = { invocations: 5600, wallMeanMs: 131.1, cpuMeanMs: 22.0, runQueueMeanMs: 60 };
  const priced = attachCosts(run, prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', minEnvironments: 3 });
  const model = (c: number) => priced.levels.find((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lambda' && l.concurrency === c)?.durationModel;
  const one = model(1);
  const many = model(32);
  assert.ok(one && many);
  const byHand = 41.6 + 17.5 / (512 / 1769);
  assert.ok(Math.abs(one.modelledMeanMs - byHand) < 1e-6, `${one.modelledMeanMs} vs ${byHand}`);
  assert.equal(many.modelledMeanMs, one.modelledMeanMs, 'the crowded level is billed at the uncontended duration');
  assert.deepEqual(many.uncontendedFrom, { variantId: 'lambda-m1024', concurrency: 1 });
  assert.equal(many.contended?.cpuMeanMs, 22.0);
  assert.ok(Math.abs((many.contended?.offCpuMeanMs ?? 0) - 49.1) < 1e-9);
  const contendedModel = 49.1 + 22.0 / (512 / 1769);
  assert.ok(Math.abs((many.contended?.contentionFactor ?? 0) - contendedModel / byHand) < 1e-9);
  // LMI: sizing reads the lone level's CPU per request; each level keeps its own and the factor.
  const lmi = priced.levels.find((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lmi' && l.concurrency === 32);
  assert.deepEqual(lmi?.uncontendedCpu, { cpuSecondsPerRequest: 0.0007, contentionFactor: 0.0008 / 0.0007, fromConcurrency: 1 });
  assert.equal(lmi?.cpuSecondsPerRequest, 0.0008);
});

test('LMI: the lone level\'s per-invocation CPU is the basis, but a level whose shared environments amortised CPU below it keeps its own', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const run = sampleRun();
  const lmi = run.levels.filter((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lmi');
  const [alone, busy] = [lmi.find((l) => l.concurrency === 1), lmi.find((l) => l.concurrency === 32)];
  assert.ok(alone && busy);
  // The idle environments' own CPU over few requests: 2 ms per request by the environment total, 0.8 ms per invocation.
  alone.cpuSecondsPerRequest = 0.002;
  alone.accounting = { invocations: 185, wallMeanMs: 51, cpuMeanMs: 0.8, runQueueMeanMs: 0 };
  busy.cpuSecondsPerRequest = 0.0001;
  const priced = attachCosts(run, prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', minEnvironments: 3 });
  const pricedAlone = priced.levels.find((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lmi' && l.concurrency === 1);
  const pricedBusy = priced.levels.find((l): l is MeasuredLevel => l.state === 'measured' && l.mode === 'lmi' && l.concurrency === 32);
  assert.equal(pricedAlone?.uncontendedCpu?.cpuSecondsPerRequest, 0.0008);
  assert.equal(pricedBusy?.uncontendedCpu?.cpuSecondsPerRequest, 0.0001);
  assert.ok(Math.abs((pricedBusy?.uncontendedCpu?.contentionFactor ?? 0) - 0.125) < 1e-12);
});

test('on AWS the levels keep their own readings: nothing to remove', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const run = { ...sampleRun(), target: 'aws' as const };
  const priced = attachCosts(run, prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', minEnvironments: 3 });
  assert.ok(priced.levels.every((l) => l.state !== 'measured' || (l.uncontendedCpu === undefined && l.durationModel?.uncontendedFrom === undefined)));
});
