// --quiet on a terminal: stdout keeps the verdict and paths alone, and stderr shows nothing but the
// heartbeat of a phase silent longer than the heartbeat interval (5 s in a run), redrawn in place
// and wiped when the phase or the level ends; no level lines. In a log or a pipe --quiet prints
// nothing on stderr (quiet-bench-into-a-pipe-prints-only-the-verdict.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressPrinter } from '../../runner/sweep/progress.ts';
import type { SweepProgress } from '../../runner/sweep/sweep-run.ts';
import type { LevelResult } from '../../runner/run/run-file.ts';
import { sleep } from '../../runner/system/sleep.ts';

const trial: SweepProgress = {
  levelIndex: 2, levelCount: 4, mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 8, phase: 'trial', trial: 1, trials: 1,
  elapsedMs: 0, requests: { ok: 10, throttled: 0, errors: 0 }, rps: 40,
};
const capacity: SweepProgress = { ...trial, phase: 'capacity', waitingFor: 2 };
const measured = { mode: 'lmi', variantId: 'lmi-c64-g2', settings: { memoryMb: 2048 }, concurrency: 8, state: 'failed', reason: 'x' } as LevelResult;

function terminal(): { stream: { isTTY: boolean; write: (t: string) => boolean }; text: () => string } {
  let text = '';
  return { stream: { isTTY: true, write: (t: string) => ((text += t), true) }, text: () => text };
}

test('a phase shorter than the interval prints nothing; a longer one gets the in-place heartbeat, wiped as it ends', async () => {
  const out = terminal();
  const printer = createProgressPrinter(out.stream, { heartbeatMs: 150, heartbeatOnly: true, estimateMs: 60_000 });
  // Updates keep coming, but a quiet run draws none of them.
  printer.update(trial);
  await sleep(60);
  printer.update({ ...trial, elapsedMs: 60 });
  assert.equal(out.text(), '', 'a short phase is silent');
  // The phase changes: a wait for instances that reports nothing for longer than the interval.
  printer.update(capacity);
  await sleep(450);
  assert.match(out.text(), /waiting for 2 environment\(s\) placed on new instances to launch and init.* ETA \d+\.\ds/);
  assert.doesNotMatch(out.text(), /\n/, 'redrawn in place, never a line of its own');
  printer.level(measured, 2, 4);
  assert.ok(out.text().endsWith('\r\x1b[2K'), 'the heartbeat is wiped when the level ends');
  assert.doesNotMatch(out.text(), /failed: x/, 'no level line');
  printer.done();
});
