/**
 * The load workers of levels whose load came from Lambda functions (--load-workers): each
 * worker's share of the level and how late it started its trials. The level's window spans every
 * worker's, so a late worker makes the level's rate read low; a level where that is 1% of a trial
 * or more is named above the table (late-workers.ts), as the progress line names it.
 */
import type { MeasuredLevel, RunFile } from '../runner/run/run-file.ts';
import { lateWorkers } from '../runner/run/late-workers.ts';
import { formatCount, formatMs, formatPct } from './format.ts';
import { hasRateLevels, levelLoadLabel, measuredLevels, modeName, settingsLabel } from './model.ts';
import { htmlTable, num } from './tables.ts';

function workerLevels(run: RunFile): MeasuredLevel[] {
  return measuredLevels(run).filter((level) => level.load?.mode === 'workers' && (level.load.workers?.length ?? 0) > 0);
}

/** One row per worker of every level measured with load workers; null when no level was. */
export function loadWorkersTable(run: RunFile): string | null {
  const levels = workerLevels(run);
  if (levels.length === 0) return null;
  const columns = [
    { header: 'Mode' }, { header: 'Settings', wrap: true }, num(hasRateLevels(run) ? 'Arrival rate' : 'Concurrency'), num('Worker'),
    num('OK'), num('Throttled'), num('Errors'), num('Invocations'), num('Invoked (ms)'), num('Started late (ms)'), { header: 'Error', wrap: true },
  ];
  const rows = levels.flatMap((level) =>
    (level.load?.workers ?? []).map((worker) => [
      modeName(level.mode), settingsLabel(level.mode, level.settings), levelLoadLabel(level), String(worker.worker + 1),
      formatCount(worker.requests.ok), formatCount(worker.requests.throttled), formatCount(worker.requests.errors),
      formatCount(worker.invocations), formatMs(worker.invokedMs),
      worker.lateStartMs === undefined ? 'not kept' : formatMs(worker.lateStartMs), worker.error ?? '',
    ]),
  );
  return htmlTable(columns, rows, { id: 'table-load-workers' });
}

/** The levels whose rate may read low because a worker started late, in words; null when none. */
export function lateWorkersSentence(run: RunFile): string | null {
  const late = workerLevels(run).flatMap((level) => {
    const found = lateWorkers(level);
    return found ? [`${modeName(level.mode)} ${settingsLabel(level.mode, level.settings)} at ${level.rate !== undefined ? `${level.rate} req/s` : `concurrency ${level.concurrency}`}: up to ${formatMs(found.lateMs)} ms, ${formatPct(found.share)} of a trial`] : [];
  });
  if (late.length === 0) return null;
  return `A load worker started its trials late, so these levels’ rates may read up to that share low (each level’s window spans every worker’s): ${late.join('; ')}.`;
}
