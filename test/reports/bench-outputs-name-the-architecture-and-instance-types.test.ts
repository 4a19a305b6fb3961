/**
 * A bench's every output says which architecture and LMI instance types its costs assume and
 * which flag changes them: the same traffic costs differently on arm64 and x86_64, and on one
 * type or the cheapest of 66, so a figure without them cannot be compared with advise's or cost's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { costOptionsFromPlan } from '../../runner/cost/plan-cost-options.ts';
import { candidateInstanceTypes } from '../../runner/pricing/instance-types.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { readRunFile } from '../../runner/run/read-run.ts';
import type { RunFile } from '../../runner/run/run-file.ts';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { terminalVerdict } from '../../reports/terminal-verdict.ts';
import { sampleRun } from '../cost/helpers/run.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { runDirWith } from './helpers.ts';

/** The sample run as bench plans it by default: x86_64, no type pinned, the architecture's whole set. */
function defaultChoiceRun(): RunFile {
  const run = sampleRun();
  run.plan.lmi = { ...run.plan.lmi, instanceType: 'm7i.xlarge', instancePinned: false, instanceTypes: candidateInstanceTypes('x86_64') };
  return run;
}

async function priced(run: RunFile): Promise<RunFile> {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  return attachCosts(run, prices, costOptionsFromPlan({ ...run.plan, traffic: undefined }));
}

const defaultSet = /x86_64, instance types considered: m6a, m6i, .* in large, xlarge, 2xlarge, 4xlarge; c6a, c6i, .* in xlarge, 2xlarge, 4xlarge \(66 types, the cheapest fleet at each rate; change with --arch arm64, --instance-types LIST or --instance-type TYPE\)/;

test('run.json keeps the architecture, the kind of choice and every type considered, and reads back', async () => {
  const run = await priced(defaultChoiceRun());
  const back = readRunFile(runDirWith(run), { label: 'run' });
  assert.equal(back.instanceChoice?.architecture, 'x86_64');
  assert.equal(back.instanceChoice?.kind, 'architecture-set');
  assert.deepEqual(back.instanceChoice?.instanceTypes.length, 66);
  assert.ok(back.instanceChoice?.instanceTypes.includes('c7a.2xlarge'));
  assert.match(back.instanceChoice?.summary ?? '', defaultSet);
});

test("the terminal summary, summary.md and report.html each name the set and the flags", async () => {
  const run = await priced(defaultChoiceRun());
  assert.match(terminalVerdict(run, { outDir: 'results/r1' }), new RegExp(`^priced on: ${defaultSet.source}$`, 'm'));
  // Markdown escapes the underscore of x86_64.
  assert.match(renderMarkdown(run).replaceAll('\\_', '_'), new RegExp(`^Priced on: ${defaultSet.source}$`, 'm'));
  // The sample's latencies are not histograms; the page is drawn from a full fixture with this choice.
  const page = renderHtml({ ...buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 30 }), instanceChoice: run.instanceChoice });
  assert.match(page, new RegExp(`<dt>Priced on</dt><dd>${defaultSet.source}</dd>`));
});

test('a pinned type is named as pinned, with what a pin changes', async () => {
  const run = await priced(sampleRun());
  const line = terminalVerdict(run, { outDir: 'results/r1' }).split('\n').find((l) => l.startsWith('priced on: '));
  assert.equal(line, 'priced on: x86_64, instance types considered: m7g.xlarge (1 type, pinned by --instance-type TYPE, whose architecture is used; without a pin every x86_64 m/c/r type is considered)');
});

test('a run priced before run.json kept the choice still names it, from its plan', () => {
  const run = defaultChoiceRun();
  assert.equal(run.instanceChoice, undefined);
  assert.match(terminalVerdict(run, { outDir: 'results/r1' }), new RegExp(`^priced on: ${defaultSet.source}$`, 'm'));
  const narrowed = defaultChoiceRun();
  narrowed.plan.lmi.instanceTypes = ['m7i.xlarge', 'c7i.xlarge'];
  assert.match(terminalVerdict(narrowed, { outDir: 'results/r1' }), /^priced on: x86_64, instance types considered: c7i, m7i in xlarge \(2 types, narrowed by --instance-types;/m);
});
