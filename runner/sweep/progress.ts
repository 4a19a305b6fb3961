/**
 * Progress of a sweep on stderr. On a terminal one status line is redrawn in place; otherwise
 * (CI logs, pipes) one line per finished level, so logs stay readable. Either way a heartbeat
 * every 5 s says what the run waits for (a deploy, a trial, a drain), so no phase is silent,
 * and an ETA from the plan's estimate (rescaled by the pace of the levels done) ends the line.
 * `--quiet` keeps only that heartbeat, on a terminal only (runner/bench/run-bench.ts): no level
 * lines, nothing for a phase shorter than 5 s, and the line is wiped when its phase ends, so a
 * quiet run's terminal ends with the verdict and paths alone while no long wait is silent.
 */
import type { LevelResult, MeasuredLevel } from '../run/run-file.ts';
import { lateWorkers } from '../run/late-workers.ts';
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

/** What a deploy waits for, by compute type: an LMI version is ready once its minimum environments run. */
const deployWaits: Record<SweepProgress['mode'], string> = {
  lambda: "deploying: environments start, the handler's init runs",
  lmi: "deploying: environments start, the handler's init runs",
};

export function formatProgress(p: SweepProgress): string {
  const where = `level ${p.levelIndex}/${p.levelCount} ${p.mode} ${p.variantId} ${p.rate !== undefined ? `${p.rate} req/s` : `c=${p.concurrency}`}`;
  // A deploy's wait is mostly the handler's init in each new environment: say so, since an init
  // that never ends runs to the init limit (up to 40 s on Lambda at a 30 s timeout, 130 s on LMI).
  if (p.phase === 'deploy') return `${where}  ${deployWaits[p.mode]}… ${seconds(p.elapsedMs)}`;
  if (p.phase === 'drain') {
    const after = p.trial === 0 ? 'the warm-up' : `trial ${p.trial}/${p.trials}`;
    return `${where}  draining after ${after}: waiting for ${p.waitingFor ?? 0} request(s) still running in the function to finish  ${seconds(p.elapsedMs)}`;
  }
  if (p.phase === 'capacity') {
    return `${where}  after the warm-up: waiting for ${p.waitingFor ?? 0} environment(s) placed on new instances to launch and init, so the trials measure the settled fleet  ${seconds(p.elapsedMs)}`;
  }
  const phase = p.phase === 'warm-up' ? 'warm-up' : `trial ${p.trial}/${p.trials}`;
  const { ok, throttled, errors } = p.requests;
  return `${where}  ${phase}  ${seconds(p.elapsedMs)}  ${ok + throttled + errors} req  ${p.rps.toFixed(1)} req/s  ${throttled} throttled  ${errors} errors`;
}

export function formatLevelLine(level: LevelResult, levelIndex: number, levelCount: number): string {
  const where = `level ${levelIndex}/${levelCount} ${level.mode} ${level.variantId} ${level.rate !== undefined ? `${level.rate} req/s` : `c=${level.concurrency}`}${level.state === 'measured' && level.saturated ? ' saturated' : ''}`;
  if (level.state !== 'measured') return `${where}  ${level.state}: ${level.reason}`;
  const { ok, throttled, errors } = level.requests;
  const elapsedMs = level.window.endMs - level.window.startMs;
  return `${where}  ${seconds(elapsedMs)}  ${ok + throttled + errors} req  ${level.throughputRps.toFixed(1)} req/s  p50 ${level.latencyMs.p50.toFixed(1)} ms  ${throttled} throttled  ${errors} errors${lateWorkersNote(level)}`;
}

/** Load workers that started their trials late, when by enough to matter (see late-workers.ts). */
function lateWorkersNote(level: MeasuredLevel): string {
  const late = lateWorkers(level);
  if (!late) return '';
  return `  (a load worker started up to ${Math.round(late.lateMs)} ms late, ${(late.share * 100).toFixed(0)}% of a trial: the rate may read up to that much low)`;
}

/** A phase silent for this long gets a heartbeat line saying what it waits for. */
export const heartbeatMs = 5_000;

export interface ProgressPrinterOptions {
  /** The plan's wall-time estimate (bench --plan-only's figure): the ETA before any level is done. */
  estimateMs?: number;
  heartbeatMs?: number;
  nowMs?: () => number;
  /** --quiet: only the in-place heartbeat of phases longer than heartbeatMs; no level lines. */
  heartbeatOnly?: boolean;
}

/**
 * Time left: the plan's estimate less the time spent until a level is done, then the pace of the
 * levels done so far (a loaded machine stretches every level alike, and the pace sees it).
 */
export function remainingMs(estimateMs: number, elapsedMs: number, levelsDone: number, levelCount: number): number {
  if (levelsDone === 0) return Math.max(0, estimateMs - elapsedMs);
  return (elapsedMs / levelsDone) * Math.max(0, levelCount - levelsDone);
}

export function createProgressPrinter(stream: ProgressStream, options: ProgressPrinterOptions = {}): ProgressPrinter {
  const tty = stream.isTTY === true;
  const now = options.nowMs ?? Date.now;
  const startMs = now();
  let drawn = false;
  let lastDrawMs = 0;
  let lastWriteMs = startMs;
  let latest: { progress: SweepProgress; atMs: number } | null = null;
  let levelsDone = 0;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const line = (): string => {
    if (!latest) return '';
    const at = now();
    // The elapsed time moves on between updates (a deploy or a drain reports seldom).
    const text = formatProgress({ ...latest.progress, elapsedMs: latest.progress.elapsedMs + (at - latest.atMs) });
    if (options.estimateMs === undefined) return text;
    return `${text}  ETA ${seconds(remainingMs(options.estimateMs, at - startMs, levelsDone, latest.progress.levelCount))}`;
  };
  const draw = (): void => {
    clear();
    stream.write(line());
    drawn = true;
  };
  const beat = setInterval(() => {
    if (!latest || now() - lastWriteMs < (options.heartbeatMs ?? heartbeatMs)) return;
    lastWriteMs = now();
    if (tty) draw();
    else stream.write(`${line()}\n`);
  }, Math.min(1000, options.heartbeatMs ?? heartbeatMs));
  beat.unref();
  const quiet = options.heartbeatOnly === true;
  let phaseKey = '';
  return {
    update(progress) {
      latest = { progress, atMs: now() };
      if (quiet) {
        // A new phase starts its own 5 s of silence; the last phase's heartbeat is stale.
        const key = `${progress.levelIndex}:${progress.variantId}:${progress.phase}:${progress.trial}`;
        if (key !== phaseKey) {
          phaseKey = key;
          lastWriteMs = now();
          clear();
        }
        return;
      }
      if (!tty) return;
      const at = now();
      // A redraw per progress tick is plenty at 4 Hz; skip bursts.
      if (at - lastDrawMs < 200 && progress.phase !== 'deploy') return;
      lastDrawMs = at;
      lastWriteMs = at;
      draw();
    },
    level(level, levelIndex, levelCount) {
      levelsDone += 1;
      latest = null;
      lastWriteMs = now();
      clear();
      if (quiet) return;
      const eta = options.estimateMs === undefined || levelsDone >= levelCount ? '' : `  ETA ${seconds(remainingMs(options.estimateMs, now() - startMs, levelsDone, levelCount))}`;
      stream.write(formatLevelLine(level, levelIndex, levelCount) + eta + '\n');
    },
    done() {
      clearInterval(beat);
      clear();
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
