// A level measured with load workers shows each worker in the report, and a worker that started
// its trials late enough to lower the level's rate is named above the levels table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import type { LevelResult, RunFile, WorkerLoadRecord } from '../../runner/run/run-file.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

function worker(index: number, lateStartMs: number | undefined, error?: string): WorkerLoadRecord {
  return {
    worker: index, requests: { ok: 1200 + index, throttled: 3, errors: error ? 1 : 0 }, window: null, invokedMs: 4210,
    invocations: 4, ...(lateStartMs === undefined ? {} : { lateStartMs }), ...(error ? { error } : {}),
  };
}

/** The fixture with its Lambda level at `concurrency` measured by two workers. */
function withWorkers(run: RunFile, concurrency: number, workers: WorkerLoadRecord[]): RunFile {
  const levels = run.levels.map((level): LevelResult =>
    level.state === 'measured' && level.mode === 'lambda' && level.concurrency === concurrency ? { ...level, load: { mode: 'workers', workers } } : level,
  );
  return { ...run, levels };
}

function table(html: string): string {
  return /<table id="table-load-workers">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
}

test('each load worker of a level is a row: its requests, invocations, late start and error', () => {
  const run = withWorkers(buildRunFixture({ concurrency: [1, 16], trials: 2, samplesPerTrial: 50 }), 16, [worker(0, 0), worker(1, 12, 'load worker 2 timed out')]);
  const rows = table(renderHtml(run)).split('<tr>').slice(2);
  assert.equal(rows.length, 2);
  assert.match(rows[0] ?? '', /<td class="num">16<\/td><td class="num">1<\/td><td class="num">1,200<\/td><td class="num">3<\/td><td class="num">0<\/td><td class="num">4<\/td><td class="num">4,210<\/td><td class="num">0\.000<\/td><td class="wrap"><\/td>/);
  assert.match(rows[1] ?? '', /<td class="num">2<\/td><td class="num">1,201<\/td>.*<td class="num">12\.0<\/td><td class="wrap">load worker 2 timed out<\/td>/);
});

test('a worker late by 1% of a trial or more is named above the levels table; one on time or from an older run is not', () => {
  const base = buildRunFixture({ concurrency: [1, 16], trials: 2, samplesPerTrial: 50 });
  const level = base.levels.find((l) => l.state === 'measured' && l.mode === 'lambda' && l.concurrency === 16);
  assert.ok(level?.state === 'measured');
  const trialMs = Math.min(...level.trials.map((t) => t.window.endMs - t.window.startMs));
  const lateMs = Math.ceil(trialMs * 0.04);
  const html = renderHtml(withWorkers(base, 16, [worker(0, 0), worker(1, lateMs)]));
  const note = /<p class="caption" id="late-workers-note">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
  assert.match(note, /^A load worker started its trials late, so these levels’ rates may read up to that share low/);
  assert.match(note, new RegExp(`Lambda 1024 MB at concurrency 16: up to [\\d,.]+ ms, 4(\\.0)?% of a trial\\.$`));
  assert.ok(html.indexOf('id="late-workers-note"') > html.indexOf('id="table-levels"'), 'under the levels table');

  const onTime = renderHtml(withWorkers(base, 16, [worker(0, 0), worker(1, Math.floor(trialMs * 0.005))]));
  assert.doesNotMatch(onTime, /late-workers-note/);
  assert.match(table(onTime), /<td class="num">2<\/td>/, 'the workers are still listed');
  const older = renderHtml(withWorkers(base, 16, [worker(0, undefined), worker(1, undefined)]));
  assert.doesNotMatch(older, /late-workers-note/);
  assert.match(table(older), /not kept/);
});

test('a run with no load workers has neither the table nor the note', () => {
  const html = renderHtml(buildRunFixture({ concurrency: [1, 16], trials: 1, samplesPerTrial: 20 }));
  assert.doesNotMatch(html, /table-load-workers|late-workers-note/);
});

test('summary.md names the late worker under its table too', () => {
  const base = buildRunFixture({ concurrency: [1, 16], trials: 2, samplesPerTrial: 50 });
  const level = base.levels.find((l) => l.state === 'measured' && l.mode === 'lambda' && l.concurrency === 16);
  assert.ok(level?.state === 'measured');
  const trialMs = Math.min(...level.trials.map((t) => t.window.endMs - t.window.startMs));
  const markdown = renderMarkdown(withWorkers(base, 16, [worker(0, Math.ceil(trialMs * 0.04))]));
  assert.match(markdown, /\n> A load worker started its trials late, .* at concurrency 16: up to [\d,.]+ ms, 4(\.0)?% of a trial\.\n/);
  assert.doesNotMatch(renderMarkdown(base), /load worker/);
});
