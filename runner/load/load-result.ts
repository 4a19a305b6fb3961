/**
 * What a load run returns, whichever generator made it (closed loop: run-load.ts; open loop:
 * open-loop.ts; load workers: merged by merge-workers.ts), and the totals every one derives
 * the same way.
 */
import type { EncodedHistogram, LatencySummaryMs, RequestCounts, TimeWindow } from '../run/run-file.ts';
import { encodeHistogram, summarizeLatency, type LatencyHistogram } from './latency-histogram.ts';

export interface LoadProgress {
  elapsedMs: number;
  requests: RequestCounts;
}

/** What an open-loop run adds to a LoadResult. */
export interface OpenLoopStats {
  targetRps: number;
  /** Requests due within the window by the schedule. */
  scheduled: number;
  /** Requests that went out on a connection. */
  sent: number;
  /** Due requests still waiting for a connection when the window ended (never sent). */
  unsent: number;
  /** Largest number of connections open at once. */
  connectionsMax: number;
  /** 2xx latency from the moment each request got its connection: what a closed-loop tool reports. */
  fromSendHistogram: EncodedHistogram;
}

export interface LoadResult {
  window: TimeWindow;
  requests: RequestCounts;
  /** Successful responses per second over the window. */
  throughputRps: number;
  /** Percentiles of 2xx latency; null when no request succeeded. */
  latencyMs: LatencySummaryMs | null;
  histogram: EncodedHistogram;
  /** Responses by HTTP status code (what the errors were). */
  statusCodes: Record<string, number>;
  /** Socket errors and timeouts, by message. */
  socketErrors: Record<string, number>;
  /** True when the signal stopped the run before its duration. */
  aborted: boolean;
  /**
   * Requests sent that were still unanswered when the run closed its connections: the server
   * goes on serving them after the window (the next run must let them finish).
   */
  inFlightAtEnd: number;
  /** Open-loop runs only (open-loop.ts): the schedule and the latency from the send. */
  open?: OpenLoopStats;
}

export function timeWindow(startMs: number, endMs: number): TimeWindow {
  return { startMs, endMs, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
}

/** What every load result derives the same way from its window, its counts and its 2xx histogram. */
export function loadTotals(startMs: number, endMs: number, requests: RequestCounts, histogram: LatencyHistogram): Pick<LoadResult, 'window' | 'requests' | 'throughputRps' | 'latencyMs' | 'histogram'> {
  const seconds = (endMs - startMs) / 1000;
  return {
    window: timeWindow(startMs, endMs),
    requests,
    throughputRps: seconds > 0 ? requests.ok / seconds : 0,
    latencyMs: summarizeLatency(histogram),
    histogram: encodeHistogram(histogram),
  };
}
