// The report of a run with many levels: 2,000 levels took 13 s and 20,000 over 90 s. Rendering
// must grow linearly with the levels: ten times the levels may take at most 25 times as long
// (linear is 10; anything quadratic is 100). Timed in-process, HTML and Markdown together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import type { LevelResult } from '../../runner/run/run-file.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';

function renderMs(levelCount: number): number {
  const base = level([logNormalMs(50, 50, 1)]);
  const levels: LevelResult[] = Array.from({ length: levelCount }, (_, i) =>
    i % 2 === 0 ? { ...base, concurrency: i + 1, mode: 'lambda', variantId: 'lambda-m1024', settings: { memoryMb: 1024 } } : { ...base, concurrency: i + 1 },
  );
  const file = run('many-levels', levels as typeof base[]);
  const started = performance.now();
  renderHtml(file);
  renderMarkdown(file);
  return performance.now() - started;
}

test('ten times the levels renders in at most 25 times the time', { timeout: 300_000 }, () => {
  renderMs(20); // warm up the modules and the JIT
  const small = renderMs(200);
  const large = renderMs(2000);
  assert.ok(large / small < 25, `200 levels: ${small.toFixed(0)} ms, 2,000 levels: ${large.toFixed(0)} ms (×${(large / small).toFixed(1)})`);
});
