/**
 * The distinct events of a safety run: read from --events (a JSON array or JSON lines), or
 * generated from the workload's event by varying its string and number leaves with the seed.
 * Distinct values are what make cross-talk visible: a response carrying a value that only
 * another request's event holds got it from that request.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Rng } from '../analysis/rng.ts';
import { leaves } from './json-leaves.ts';
import { jsonDepthProblem } from '../system/json-depth.ts';
import { readInputFile } from '../system/read-input-file.ts';

export type SafetyEvent = Record<string, unknown>;

function isObject(value: unknown): value is SafetyEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An --events file is read whole: 64 MiB is far more events than a safety run sends. */
const maxEventsFileBytes = 64 * 1024 * 1024;

/** --events FILE: a JSON array of objects, or one JSON object per line. */
export function readEventsFile(path: string, cwd = process.cwd()): SafetyEvent[] {
  const text = readInputFile(resolve(cwd, path), { label: `--events ${path}`, maxBytes: maxEventsFileBytes, limitReason: 'the events of one safety run' });
  const depthProblem = jsonDepthProblem(text);
  if (depthProblem !== undefined) throw new UsageError(`--events ${path} ${depthProblem}`);
  let events: unknown[];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      events = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new UsageError(`--events ${path} is not a valid JSON array: ${(error as Error).message.split('\n')[0]}`);
    }
  } else {
    events = [];
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        events.push(JSON.parse(line) as unknown);
      } catch (error) {
        throw new UsageError(`--events ${path} line ${i + 1} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
      }
    });
  }
  if (events.length === 0) throw new UsageError(`--events ${path} holds no events`);
  events.forEach((event, i) => {
    if (!isObject(event)) throw new UsageError(`--events ${path}: event ${i + 1} must be a JSON object (a request body)`);
  });
  return events as SafetyEvent[];
}

const tagAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

function tag(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += tagAlphabet[Math.floor(rng.next() * tagAlphabet.length)];
  return out;
}

/** Strings a handler likely matches exactly (codes, dates, URLs): varying them would break it. */
const keepAsIs = /^([A-Z]{2,4}|\d{4}-\d{2}(-\d{2}([T ][\d:.]+Z?)?)?|https?:\/\/\S+|true|false)$/;

function varyString(value: string, rng: Rng): string {
  if (value === '' || keepAsIs.test(value)) return value;
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, at)}+${tag(rng)}${value.slice(at)}`;
  return `${value}-${tag(rng)}`;
}

/** Same sign, same kind (integer or decimals), within +50% of the original, so the handler still accepts it. */
function varyNumber(value: number, rng: Rng): number {
  if (!Number.isFinite(value)) return value;
  if (Number.isInteger(value)) {
    if (value === 0) return 0;
    const step = 1 + Math.floor(rng.next() * Math.max(1, Math.abs(value) / 2));
    return value + Math.sign(value) * step;
  }
  const decimals = Math.min(6, (String(value).split('.')[1] ?? '').length);
  const varied = value * (1 + 0.05 + rng.next() * 0.45);
  return Number(varied.toFixed(decimals));
}

function vary(value: unknown, rng: Rng): unknown {
  if (typeof value === 'string') return varyString(value, rng);
  if (typeof value === 'number') return varyNumber(value, rng);
  if (Array.isArray(value)) return value.map((item) => vary(item, rng));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, vary(item, rng)]));
  return value;
}

/** `count` variants of the workload's event; the same seed gives the same events. */
export function generateEvents(base: SafetyEvent, count: number, rng: Rng): SafetyEvent[] {
  return Array.from({ length: count }, () => vary(base, rng) as SafetyEvent);
}

/** A value a response is unlikely to hold by chance: a string of 4+ characters, a number of 4+ digits. */
function distinctive(value: unknown): value is string | number {
  if (typeof value === 'string') return value.trim().length >= 4;
  if (typeof value === 'number') return Number.isFinite(value) && String(Math.abs(value)).replace('.', '').replace(/^0+/, '').length >= 4;
  return false;
}

/** Distinctive leaf values of an event, keyed so that 1234 and '1234' stay apart, with their paths. */
export function distinctiveValues(event: SafetyEvent): Map<string, { path: string; value: string | number }> {
  const out = new Map<string, { path: string; value: string | number }>();
  for (const [path, value] of leaves(event)) {
    if (!distinctive(value)) continue;
    const key = `${typeof value}:${String(value)}`;
    if (!out.has(key)) out.set(key, { path, value });
  }
  return out;
}
