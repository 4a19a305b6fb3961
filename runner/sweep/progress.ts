/**
 * Progress of a sweep on stderr. On a terminal one status line is redrawn in place; otherwise
 * (CI logs, pipes) one line per finished level, so logs stay readable.
 */
import type { LevelResult } from '../run/run-file.ts';
import type { SweepProgress } from './sweep-run.ts';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressPrinter {
  update(progress: SweepProgress): void;
  level(level: LevelResult, levelIndex: number, levelCount: number): void;
  /** Clears the in-place line (before the final table or an error message). */
  done(): void;
}

export function formatProgress(p: SweepProgress): string {
  const where = `level ${p.levelIndex}/${p.levelCount} ${p.mode} ${p.variantId} ${p.rate !== undefined ? `${p.rate} req/s` : `c=${p.concurrency}`}`;
  // A deploy's wait is mostly the handler's init in each new environment: say so, since an init
  // that never ends runs to the init limit (up to 40 s on Lambda at a 30 s timeout, 130 s on LMI).
  if (p.phase === 'deploy') return `${where}  deploying: environments start, the handler's init runs… ${seconds(p.elapsedMs)}`;
  const phase = p.phase === 'warm-up' ? 'warm-up' : `trial ${p.trial}/${p.trials}`;
  const { ok, throttled, errors } = p.requests;
  return `${where}  ${phase}  ${seconds(p.elapsedMs)}  ${ok + throttled + errors} req  ${p.rps.toFixed(1)} req/s  ${throttled} throttled  ${errors} errors`;
}

export function formatLevelLine(level: LevelResult, levelIndex: number, levelCount: number): string {
  const where = `level ${levelIndex}/${levelCount} ${level.mode} ${level.variantId} ${level.rate !== undefined ? `${level.rate} req/s` : `c=${level.concurrency}`}${level.state === 'measured' && level.saturated ? ' saturated' : ''}`;
  if (level.state !== 'measured') return `${where}  ${level.state}: ${level.reason}`;
  const { ok, throttled, errors } = level.requests;
  const elapsedMs = level.window.endMs - level.window.startMs;
  return `${where}  ${seconds(elapsedMs)}  ${ok + throttled + errors} req  ${level.throughputRps.toFixed(1)} req/s  p50 ${level.latencyMs.p50.toFixed(1)} ms  ${throttled} throttled  ${errors} errors`;
}

export function createProgressPrinter(stream: ProgressStream): ProgressPrinter {
  const tty = stream.isTTY === true;
  let drawn = false;
  let lastDrawMs = 0;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    update(progress) {
      if (!tty) return;
      const now = Date.now();
      // A redraw per progress tick is plenty at 4 Hz; skip bursts.
      if (now - lastDrawMs < 200 && progress.phase !== 'deploy') return;
      lastDrawMs = now;
      clear();
      stream.write(formatProgress(progress));
      drawn = true;
    },
    level(level, levelIndex, levelCount) {
      clear();
      stream.write(formatLevelLine(level, levelIndex, levelCount) + '\n');
    },
    done: clear,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
