/**
 * Reads a run file for the check: schema version and level shapes checked (the same checks
 * the report makes), and every measured level's histograms present, so that a malformed file
 * is one UsageError line before any statistics run.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { EncodedHistogram, RunFile } from '../run/run-file.ts';
import { readRunFile, runFileName } from '../run/write-run.ts';
import { validateRun } from '../../reports/read-run.ts';

export function readCheckRun(path: string, label: string): RunFile {
  if (!existsSync(path)) throw new UsageError(`${label} ${path} not found`);
  const file = statSync(path).isDirectory() ? join(path, runFileName) : path;
  if (!existsSync(file)) throw new UsageError(`${label} ${path} is a folder without ${runFileName}`);
  const run = validateRun(readRunFile(file), file);
  run.levels.forEach((level, index) => {
    if (level.state !== 'measured') return;
    const at = `${file}: levels[${index}]`;
    if (typeof level.variantId !== 'string') throw new UsageError(`${at} has no variantId`);
    if (!isHistogram(level.histogram)) throw new UsageError(`${at} has no latency histogram`);
    if (!Array.isArray(level.trials)) throw new UsageError(`${at} has no trials`);
    level.trials.forEach((trial, t) => {
      if (!isHistogram(trial?.histogram) || typeof trial.throughputRps !== 'number' || typeof trial.requests?.ok !== 'number') {
        throw new UsageError(`${at}.trials[${t}] lacks its histogram, requests or throughputRps`);
      }
    });
  });
  return run;
}

function isHistogram(value: unknown): value is EncodedHistogram {
  const h = value as Partial<EncodedHistogram> | undefined;
  return typeof h === 'object' && h !== null && h.encoding === 'hdr-compressed-base64' && typeof h.data === 'string' && h.data.length > 0;
}
