/**
 * How late a level's load workers started their trials, against the trial's length. The level's
 * window spans every worker's, so its rate reads low by about the latest worker's delay over the
 * trial: the progress line and the report name it when that share is big enough to matter.
 */
import type { MeasuredLevel } from './run-file.ts';

/** A late worker's share of a trial below which a level's late start goes unremarked (run.json keeps it). */
const lateStartNoteShare = 0.01;

export interface LateWorkers {
  /** The latest any worker started a trial after the trials' common start time, in ms. */
  lateMs: number;
  /** The shortest measured trial, in ms. */
  trialMs: number;
  /** lateMs over trialMs: about how much low the level's rate may read. */
  share: number;
}

/** The level's late start when it is lateStartNoteShare of a trial or more, else null (on time, no workers, no trials, an older run). */
export function lateWorkers(level: MeasuredLevel): LateWorkers | null {
  const lateMs = Math.max(0, ...(level.load?.workers ?? []).map((w) => w.lateStartMs ?? 0));
  const trialMs = Math.min(...level.trials.map((t) => t.window.endMs - t.window.startMs));
  if (!(trialMs > 0) || lateMs / trialMs < lateStartNoteShare) return null;
  return { lateMs, trialMs, share: lateMs / trialMs };
}
