/** The end-of-run table printed on stdout: one row per level. */
import type { LevelResult } from '../run/run-file.ts';

const headers = ['mode', 'settings', 'conc', 'rps', 'p50 ms', 'p95 ms', 'p99 ms', 'ok', '429', 'errors', 'envs', 'cold (warm-up)', '$/M req'];

export function formatSettings(level: LevelResult): string {
  const s = level.settings;
  const parts = [`${s.memoryMb} MB`];
  if (s.maxConcurrency !== undefined) parts.push(`max ${s.maxConcurrency}`);
  if (s.gibPerVcpu !== undefined) parts.push(`${s.gibPerVcpu} GiB/vCPU`);
  return parts.join(', ');
}

function row(level: LevelResult): string[] {
  // Open-loop levels show their arrival rate; a saturated one says so (its latency is a queue's).
  const load = level.rate !== undefined ? `${level.rate}/s` : String(level.concurrency);
  const head = [level.mode, formatSettings(level), level.state === 'measured' && level.saturated ? `${load} saturated` : load];
  if (level.state !== 'measured') return [...head, `${level.state}: ${level.reason}`];
  const unknown = new Set(level.unmeasured ?? []);
  return [
    ...head,
    level.throughputRps.toFixed(1),
    level.latencyMs.p50.toFixed(1),
    level.latencyMs.p95.toFixed(1),
    level.latencyMs.p99.toFixed(1),
    String(level.requests.ok),
    String(level.requests.throttled),
    String(level.requests.errors),
    unknown.has('environments') ? '?' : String(level.environments),
    unknown.has('coldStarts') ? '?' : `${level.coldStarts} (${level.warmup?.coldStarts ?? '-'})`,
    level.cost ? level.cost.usdPerMillionRequests.toFixed(2) : '-',
  ];
}

export function formatSummaryTable(levels: LevelResult[]): string {
  const rows = levels.map(row);
  // A failed row's reason spans the remaining columns: it takes no part in the widths.
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.length === headers.length).map((r) => r[i]?.length ?? 0)));
  const numeric = (i: number): boolean => i >= 2;
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (cells.length < headers.length && i === cells.length - 1 ? cell : numeric(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
