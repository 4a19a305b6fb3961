/**
 * Number formatting shared by the HTML page and summary.md, fixed to en-US so a report
 * reads the same on every machine. Precision follows magnitude: enough digits to compare
 * two modes, never a wall of decimals.
 */

/** One formatter per precision: toLocaleString builds a new Intl.NumberFormat on every call, a third of a large report's time. */
const formatters = new Map<number, Intl.NumberFormat>();

function fixed(value: number, decimals: number): string {
  let formatter = formatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

function decimalsFor(value: number, steps: Array<[number, number]>, smallest: number): number {
  const magnitude = Math.abs(value);
  for (const [atLeast, decimals] of steps) if (magnitude >= atLeast) return decimals;
  return smallest;
}

export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '$0';
  if (magnitude >= 0.01) return `${sign}$${fixed(magnitude, magnitude >= 1000 ? 0 : 2)}`;
  // Sub-cent amounts (a cost per request, an hour of idle Lambda) keep three significant digits.
  return `${sign}$${magnitude.toPrecision(3)}`;
}

/** Request rates: whole numbers from 100 req/s up, two decimals below 10. */
export function formatRps(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return fixed(value, decimalsFor(value, [[100, 0], [10, 1]], 2));
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return fixed(value, decimalsFor(value, [[100, 0], [10, 1], [1, 2]], 3));
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? fixed(value, Number.isInteger(value) ? 0 : 1) : '—';
}

export function formatPct(fraction: number): string {
  return Number.isFinite(fraction) ? `${fixed(fraction * 100, Math.abs(fraction) >= 0.1 ? 0 : 1)}%` : '—';
}

/** `2026-01-15T10:20:30.000Z` -> `2026-01-15 10:20 UTC`; anything unparsable is shown as given. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDurationSec(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 90 ? `${minutes} min ${Math.round(seconds - minutes * 60)} s` : `${(seconds / 3600).toFixed(1)} h`;
}
