// A phase that reports nothing for the heartbeat interval (a deploy waiting for environments, a
// drain waiting for in-flight requests) gets a line saying what it waits for, in a log as on a
// terminal; and the lines carry an ETA from the plan's estimate, then from the pace of the levels done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressPrinter, formatProgress, remainingMs } from '../../runner/sweep/progress.ts';
import type { SweepProgress } from '../../runner/sweep/sweep-run.ts';
import type { LevelResult } from '../../runner/run/run-file.ts';
import { sleep } from '../../runner/system/sleep.ts';

const draining: SweepProgress = {
  levelIndex: 3, levelCount: 8, mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 64, phase: 'drain', waitingFor: 12, trial: 1, trials: 1,
  elapsedMs: 12_000, requests: { ok: 600, throttled: 0, errors: 0 }, rps: 60,
};
const failed: LevelResult = { mode: 'lmi', variantId: 'lmi-c64-g2', settings: { memoryMb: 2048 }, concurrency: 64, state: 'failed', reason: 'x' };

test('a drain and an LMI deploy say what they wait for', () => {
  assert.match(formatProgress(draining), /draining after trial 1\/1: waiting for 12 request\(s\) still running in the function to finish {2}12\.0s$/);
  assert.match(formatProgress({ ...draining, phase: 'deploy' }), /deploying: environments start, the handler's init runs… 12\.0s$/);
});

test('in a log, a silent phase gets a heartbeat line with the time moving on, and none once the level ends', async () => {
  let text = '';
  const printer = createProgressPrinter({ isTTY: false, write: (t: string) => ((text += t), true) }, { heartbeatMs: 60 });
  printer.update(draining);
  await sleep(300);
  const beats = text.split('\n').filter((line) => line.includes('draining after trial 1/1'));
  assert.ok(beats.length >= 2, text);
  // The elapsed time is the update's plus the time since: the heartbeat is not a frozen copy.
  assert.ok(Number(/ (\d+\.\d)s$/.exec(beats.at(-1) ?? '')?.[1]) > 12.0, text);
  printer.level(failed, 3, 8);
  const after = text.length;
  await sleep(200);
  assert.equal(text.length, after, 'no heartbeat between levels once the level is printed');
  printer.done();
});

test('the ETA starts from the plan and then follows the pace of the levels done', () => {
  assert.equal(remainingMs(100_000, 30_000, 0, 8), 70_000);
  assert.equal(remainingMs(100_000, 150_000, 0, 8), 0);
  // Two levels took 40 s: six more at that pace.
  assert.equal(remainingMs(100_000, 40_000, 2, 8), 120_000);
  let text = '';
  const printer = createProgressPrinter({ isTTY: false, write: (t: string) => ((text += t), true) }, { estimateMs: 100_000 });
  printer.level(failed, 1, 8);
  assert.match(text, /failed: x {2}ETA \d+\.\ds\n$/);
  printer.done();
});
