/**
 * One phase's result from its workers' results: counts summed, histograms ADDED (a merged
 * percentile is a percentile of every request, never an average of percentiles), the window
 * from the earliest start to the latest end.
 */
import type { EncodedHistogram, RequestCounts } from '../run/run-file.ts';
import { createLatencyHistogram, decodeHistogram, encodeHistogram } from './latency-histogram.ts';
import { loadTotals, type LoadResult, type OpenLoopStats } from './load-result.ts';
import { sum } from '../system/sum.ts';

export function addCounts(into: RequestCounts, more: RequestCounts): void {
  into.ok += more.ok;
  into.throttled += more.throttled;
  into.errors += more.errors;
}

function addTallies(into: Record<string, number>, more: Record<string, number>): void {
  for (const [key, n] of Object.entries(more)) into[key] = (into[key] ?? 0) + n;
}

function addHistograms(encoded: EncodedHistogram[]): ReturnType<typeof createLatencyHistogram> {
  const total = createLatencyHistogram();
  for (const one of encoded) total.add(decodeHistogram(one));
  return total;
}

export function mergeWorkerResults(results: LoadResult[]): LoadResult {
  if (results.length === 0) throw new Error('mergeWorkerResults needs at least one result');
  const requests: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  const statusCodes: Record<string, number> = {};
  const socketErrors: Record<string, number> = {};
  let inFlightAtEnd = 0;
  for (const result of results) {
    addCounts(requests, result.requests);
    addTallies(statusCodes, result.statusCodes);
    addTallies(socketErrors, result.socketErrors);
    inFlightAtEnd += result.inFlightAtEnd;
  }
  const startMs = Math.min(...results.map((r) => r.window.startMs));
  const endMs = Math.max(...results.map((r) => r.window.endMs));
  const histogram = addHistograms(results.map((r) => r.histogram));
  const merged: LoadResult = {
    ...loadTotals(startMs, endMs, requests, histogram),
    statusCodes,
    socketErrors,
    aborted: results.some((r) => r.aborted),
    inFlightAtEnd,
  };
  const open = results.map((r) => r.open).filter((o): o is OpenLoopStats => o !== undefined);
  if (open.length > 0) {
    merged.open = {
      targetRps: sum(open.map((o) => o.targetRps)),
      scheduled: sum(open.map((o) => o.scheduled)),
      sent: sum(open.map((o) => o.sent)),
      unsent: sum(open.map((o) => o.unsent)),
      connectionsMax: sum(open.map((o) => o.connectionsMax)),
      fromSendHistogram: encodeHistogram(addHistograms(open.map((o) => o.fromSendHistogram))),
    };
  }
  return merged;
}
