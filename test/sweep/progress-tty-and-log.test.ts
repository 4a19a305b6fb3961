// test-lane: concurrent: asserts printed progress.
// Progress on a terminal is one line redrawn in place; in a log (not a TTY) it is one line
// per finished level and nothing in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressPrinter } from '../../runner/sweep/progress.ts';
import type { SweepProgress } from '../../runner/sweep/sweep.ts';
import type { LevelResult } from '../../runner/run/run-file.ts';

const progress: SweepProgress = {
  levelIndex: 2, levelCount: 8, mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 32, phase: 'trial', trial: 1, trials: 2,
  elapsedMs: 4200, requests: { ok: 600, throttled: 3, errors: 1 }, rps: 150,
};
const failed: LevelResult = { mode: 'lmi', variantId: 'lmi-c64-g2', settings: { memoryMb: 2048 }, concurrency: 32, state: 'failed', reason: 'deploy failed: x' };

function capture(isTTY: boolean): { stream: { isTTY: boolean; write(text: string): boolean }; text: () => string } {
  let text = '';
  return { stream: { isTTY, write: (t: string) => ((text += t), true) }, text: () => text };
}

test('a TTY gets the live line redrawn in place, with level, mode, concurrency, elapsed, requests, rate, failures', () => {
  const { stream, text } = capture(true);
  const printer = createProgressPrinter(stream);
  printer.update(progress);
  assert.equal(text(), 'level 2/8 lmi lmi-c64-g2 c=32  trial 1/2  4.2s  604 req  150.0 req/s  3 throttled  1 errors');
  printer.level(failed, 2, 8);
  assert.ok(text().endsWith('\r\x1b[2Klevel 2/8 lmi lmi-c64-g2 c=32  failed: deploy failed: x\n'));
});

test('a log gets one line per level and no live updates', () => {
  const { stream, text } = capture(false);
  const printer = createProgressPrinter(stream);
  printer.update(progress);
  printer.update({ ...progress, phase: 'deploy' });
  assert.equal(text(), '');
  printer.level(failed, 2, 8);
  printer.done();
  assert.equal(text(), 'level 2/8 lmi lmi-c64-g2 c=32  failed: deploy failed: x\n');
});

test("a TTY deploy line says the handler's init is what runs", () => {
  const { stream, text } = capture(true);
  createProgressPrinter(stream).update({ ...progress, phase: 'deploy' });
  assert.equal(text(), "level 2/8 lmi lmi-c64-g2 c=32  deploying: environments start, the handler's init runs… 4.2s");
});
