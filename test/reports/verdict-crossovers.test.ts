import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CrossoverResult } from '../../runner/run/run-file.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { buildVerdict, costSegments, measuredRange, verdictText } from '../../reports/verdict.ts';
import { formatRps } from '../../reports/format.ts';

/** A curve where lambda costs `lambdaPerRps` × rate per hour and LMI follows `lmi(rate)`. */
function crossover(rates: number[], crossings: number[], lmi: (rps: number) => number, extra: Partial<CrossoverResult> = {}): CrossoverResult {
  return {
    requestsPerSecond: crossings,
    basis: { lambdaVariantId: 'lambda-m1024', lmiVariantId: 'lmi-c16-g2', note: '' },
    curve: rates.map((rps) => ({ requestsPerSecond: rps, lambdaUsdPerHour: rps * 0.01, lmiUsdPerHour: lmi(rps), lmiInstances: 3 })),
    assumptions: [],
    ...extra,
  };
}

const rates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const runWith = (c: CrossoverResult | null) => buildRunFixture({ concurrency: [1], trials: 1, samplesPerTrial: 50, crossover: c });

test('one crossover: LMI is cheaper above it', () => {
  const text = verdictText(buildVerdict(runWith(crossover(rates, [38], () => 0.38))));
  assert.equal(text, 'LMI is cheaper above 38.0 req/s (99,864,000 requests a month) for this workload. Measured from 44.7 req/s; below that the model extrapolates.');
});

test('no crossover, LMI cheaper everywhere', () => {
  const text = verdictText(buildVerdict(runWith(crossover(rates, [], () => 0.001))));
  assert.match(text, /^LMI is cheaper than standard Lambda at every request rate modelled \(1\.00 req\/s to 1,000 req\/s\)/);
});

test('no crossover, standard Lambda cheaper everywhere', () => {
  const text = verdictText(buildVerdict(runWith(crossover(rates, [], () => 100))));
  assert.match(text, /^Standard Lambda is cheaper than LMI at every request rate modelled/);
});

test('several crossovers: each range where LMI is cheaper is named', () => {
  // LMI is a step function: cheaper in 20–80 req/s, dearer 80–300 (a new instance), cheaper above 300.
  const lmi = (rps: number) => (rps < 80 ? 0.2 : 3);
  const c = crossover(rates, [20, 80, 300], lmi);
  assert.deepEqual(costSegments(c).map((s) => s.cheaper), ['lambda', 'lmi', 'lambda', 'lmi']);
  const text = verdictText(buildVerdict(runWith(c)));
  assert.equal(text, 'LMI is cheaper between 20.0 req/s and 80.0 req/s and above 300 req/s (788,400,000 requests a month) for this workload. Measured up to 46.1 req/s; beyond that the model extrapolates.');
});

test('LMI cheaper at low rates only: "below"', () => {
  const c = crossover(rates, [50], () => 0.5);
  const inverted = { ...c, curve: c.curve.map((p) => ({ ...p, lambdaUsdPerHour: 1, lmiUsdPerHour: p.requestsPerSecond * 0.02 })) };
  assert.equal(verdictText(buildVerdict(runWith(inverted))), 'LMI is cheaper below 50.0 req/s (131,400,000 requests a month) for this workload. Measured up to 46.1 req/s; beyond that the model extrapolates.');
});

test('traffic profile: saving in dollars and percent, or the extra cost', () => {
  const saves = crossover(rates, [38], () => 0.38, { profile: { name: 'diurnal', lambdaUsdPerMonth: 200, lmiUsdPerMonth: 150, requestsPerMonth: 1e8 } });
  assert.equal(verdictText(buildVerdict(runWith(saves))), 'LMI is cheaper above 38.0 req/s (99,864,000 requests a month) for this workload; at your traffic profile (diurnal) it saves $50.00 a month (25%). Measured from 44.7 req/s; below that the model extrapolates.');
  const costs = crossover(rates, [38], () => 0.38, { profile: { name: 'constant', lambdaUsdPerMonth: 100, lmiUsdPerMonth: 130, requestsPerMonth: 1e7 } });
  assert.match(verdictText(buildVerdict(runWith(costs))), /LMI costs \$30\.00 a month more \(\+30%\)\. Measured from 44\.7 req\/s; below that the model extrapolates\.$/);
});

test('a run without costs says so and compares p99 instead', () => {
  const run = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 50, withCosts: false });
  const text = verdictText(buildVerdict(run));
  assert.match(text, /^No cost comparison: this run has no prices or cost model applied; at concurrency 4, p99 latency was [\d.]+ ms on LMI and [\d.]+ ms on standard Lambda\.$/);
});

test('an interrupted run with nothing measured says why', () => {
  const run = { ...buildRunFixture({ trials: 1, samplesPerTrial: 10, withCosts: false }), levels: [], status: 'interrupted' as const, reason: 'SIGINT' };
  assert.equal(verdictText(buildVerdict(run)), 'This run was interrupted before any level was measured: SIGINT.');
});

test('many crossovers from LMI instance steps are summarised as one band', () => {
  // LMI steps up every 20 req/s and is cheaper just after each step's start until Lambda catches up; one wide range above 500 req/s.
  const crossings: number[] = [];
  for (let start = 60; start < 480; start += 20) crossings.push(start, start + 2);
  crossings.push(500);
  const isLmiCheaper = (rps: number) => rps > 500 || crossings.some((c, i) => i % 2 === 0 && i < crossings.length - 1 && rps > c && rps < (crossings[i + 1] ?? 0));
  const rates = Array.from({ length: 4000 }, (_, i) => 0.5 + i * 0.25);
  const c = crossover(rates, crossings, (rps) => (isLmiCheaper(rps) ? rps * 0.005 : rps * 0.02));
  const text = verdictText(buildVerdict(runWith(c)));
  assert.equal(
    text,
    `LMI is cheaper above 500 req/s (1,314,000,000 requests a month) for this workload; between 60.0 req/s and 462 req/s the cost curves cross ${crossings.length - 1} times as LMI adds instances one at a time, and standard Lambda is cheaper over most of that span. Measured up to 46.1 req/s; beyond that the model extrapolates.`,
  );
});

test('a crossover inside the measured range adds no caveat; one beyond it says where measurement ends', () => {
  // The fixture measures about 45 req/s at concurrency 1 on both modes, and more at 4 and 16.
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 50, crossover: null });
  const range = measuredRange(run);
  assert.ok(range && range.maxRps > range.minRps);
  const inside = (range.minRps + range.maxRps) / 2;
  const within = verdictText(buildVerdict({ ...run, crossover: crossover(rates, [inside], () => inside * 0.01) }));
  assert.doesNotMatch(within, /extrapolates/);
  assert.match(within, /requests a month\)/);
  const beyond = range.maxRps * 6;
  const outside = verdictText(buildVerdict({ ...run, crossover: crossover(rates, [beyond], () => beyond * 0.01) }));
  assert.ok(outside.endsWith(`Measured up to ${formatRps(range.maxRps)} req/s; beyond that the model extrapolates.`), outside);
});
