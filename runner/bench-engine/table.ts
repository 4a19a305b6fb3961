/** The bench-engine result table, plain text, one row per measurement. */
export interface BenchRow {
  what: string;
  requestsPerSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Free text: a ratio to the bare server, an overhead, a memory figure. */
  note: string;
}

function cell(value: number | null, decimals: number): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toFixed(decimals);
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['measurement', 'req/s', 'p50 ms', 'p99 ms', 'note'];
  const body = rows.map((r) => [r.what, cell(r.requestsPerSecond, 0), cell(r.p50Ms, 3), cell(r.p99Ms, 3), r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
