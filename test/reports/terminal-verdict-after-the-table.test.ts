/**
 * The bench's stdout ends with the verdict: the sentence, the crossover in req/s and requests a
 * month (or none in the rates scanned), the measured range and where the crossover lies against
 * it, the month of the user's traffic, the settings recommendation after a sweep, then the paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CrossoverResult } from '../../runner/run/run-file.ts';
import { terminalVerdict } from '../../reports/terminal-verdict.ts';
import { buildVerdict, measuredRange, verdictText } from '../../reports/verdict.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const paths = { outDir: 'results/r1', htmlPath: 'results/r1/report.html' };

test('with a traffic profile: verdict, crossover per month, measured range, monthly figures, then the paths', () => {
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 50, withProfile: true });
  const lines = terminalVerdict(run, paths).split('\n');
  assert.equal(lines[0], `verdict: ${verdictText(buildVerdict(run))}`);
  assert.match(lines[1] ?? '', /^crossover: [\d,.]+ req\/s = [\d,]+ requests a month/);
  const range = measuredRange(run);
  assert.ok(range);
  assert.match(lines[2] ?? '', /^measured: [\d,.]+ to [\d,.]+ req\/s \((measured up to [\d,.]+ req\/s; beyond that the model extrapolates|the crossover lies inside the measured range)\)$/);
  assert.match(lines[3] ?? '', /^your traffic \(constant 50 req\/s, [\d,]+ requests a month\): standard Lambda \$[\d,.]+ a month, LMI \$[\d,.]+ a month; LMI (saves|costs)/);
  assert.deepEqual(lines.slice(-2), ['results: results/r1', 'report: results/r1/report.html']);
});

test('no crossover: said in those words, with the rates scanned; a sweep adds the settings recommendation', () => {
  const base = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 30, lmiSettings: [{ maxConcurrency: 16, gibPerVcpu: 2 }, { maxConcurrency: 64, gibPerVcpu: 2 }], recommendation: { variantId: 'lmi-c16-g2', reason: 'cheapest without throttles' } });
  const flat: CrossoverResult = {
    requestsPerSecond: [],
    basis: { lambdaVariantId: 'lambda-m1024', lmiVariantId: 'lmi-c16-g2', note: '' },
    curve: [1, 10, 100].map((rps) => ({ requestsPerSecond: rps, lambdaUsdPerHour: rps * 0.001, lmiUsdPerHour: 1, lmiInstances: 3 })),
    assumptions: [],
  };
  const text = terminalVerdict({ ...base, crossover: flat }, { outDir: 'results/r2' });
  assert.match(text, /^crossover: no crossover in the rates scanned \(1\.00 to 100 req\/s\)$/m);
  assert.match(text, /^LMI settings: Use lmi-c16-g2: cheapest without throttles$/m);
  assert.ok(text.endsWith('results: results/r2'));
});
