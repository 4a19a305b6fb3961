/**
 * What `lmi-bench safety` records and concludes: the invocations of each round (with what the
 * runtime hooks saw inside them) and the findings the oracles draw from them.
 */
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';

export const oracleNames = ['cross-talk', 'differential', 'shared-files', 'module-state', 'outliving-work'] as const;
export type OracleName = (typeof oracleNames)[number];

export type Severity = 'error' | 'warning';

/** The severity each oracle's findings carry (the issue's contract: 3 errors, 2 warnings). */
export const oracleSeverity: Record<OracleName, Severity> = {
  'cross-talk': 'error',
  differential: 'error',
  'shared-files': 'error',
  'module-state': 'warning',
  'outliving-work': 'warning',
};

export interface Finding {
  oracle: OracleName;
  severity: Severity;
  /** The round (1-based) it was seen in; null when it sums up several rounds. */
  round: number | null;
  /** Request ids involved, the subject first. */
  requests: string[];
  /** One line: what is wrong. */
  title: string;
  /**
   * What the finding is grouped under (the likely cause): the module variable or global that
   * changed during the requests, else the leaked or differing fields, the /tmp path, the kind of
   * pending work. Findings of one cause are reported as one line with their count.
   */
  cause: string;
  /** The lines that show it (matched values, a diff, who touched a file when). */
  evidence: string[];
}

/** A file under the environment's /tmp as the runtime hooks saw one invocation use it. */
export interface FileUse {
  path: string;
  read: boolean;
  write: boolean;
}

/** What the runtime hooks recorded inside one invocation (runtimes/safety-node.mjs, safety_hooks.py). */
export interface HookRecord {
  /** The runtime whose hooks wrote it (absent in records built by hand). */
  runtime?: Runtime;
  requestId: string;
  /** Epoch ms when the handler started and when its response was ready. */
  startMs: number;
  endMs: number;
  /** The worker thread or process that ran it. */
  worker: string;
  files: FileUse[];
  /** Globals assigned (Node: globalThis.x, process.env.X, and module.name for the handler module's own variables) or changed (Python: module.name). */
  globals: string[];
  /** Work the invocation started that was still pending at its response. */
  pending: { kind: string; detail: string }[];
}

/** One request of a round as the safety runner sent it and the engine answered it. */
export interface Invocation {
  /** The engine's request id (the response's x-amzn-requestid header). */
  requestId: string;
  /** Index into the run's events. */
  eventIndex: number;
  status: number;
  body: string;
  /** Epoch ms when the request was sent and when its response had arrived. */
  sentMs: number;
  receivedMs: number;
  record?: HookRecord;
}

export interface Round {
  /** 1-based. */
  index: number;
  concurrency: number;
  invocations: Invocation[];
}

/** The two lone runs of one event, each in a fresh environment. */
export interface LoneRuns {
  eventIndex: number;
  runs: [LoneResponse, LoneResponse];
}

export interface LoneResponse {
  requestId: string;
  status: number;
  body: string;
}

/** The time the handler ran when the hooks saw it, else the client's (wider) window. */
export function window(invocation: Invocation): { startMs: number; endMs: number } {
  const record = invocation.record;
  return record ? { startMs: record.startMs, endMs: record.endMs } : { startMs: invocation.sentMs, endMs: invocation.receivedMs };
}

export function overlap(a: Invocation, b: Invocation): boolean {
  const x = window(a);
  const y = window(b);
  return x.startMs < y.endMs && y.startMs < x.endMs;
}

/**
 * The likely cause of what went wrong in an invocation, from what its hooks saw: the state shared
 * by concurrent requests that changed while it ran (Node.js: module variables, globalThis,
 * process.env; Python's module globals are per process on LMI and never shared), else the /tmp
 * files it wrote (shared by every runtime); null when neither.
 */
export function changedStateCause(invocation: Invocation): string | null {
  const record = invocation.record;
  if (!record) return null;
  const shared = record.runtime === undefined || runtimeRegistry[record.runtime].moduleStateShared;
  const names = shared ? [...new Set(record.globals)].sort() : [];
  // The same words as the module-state finding of a single name, so the two group together.
  if (names.length > 0) return `${names.slice(0, 4).join(', ')}${names.length > 4 ? `, … (${names.length})` : ''}`;
  const written = record.files.filter((file) => file.write).map((file) => file.path).sort();
  // As the shared-files finding names its path.
  if (written.length > 0) return `the /tmp file ${written.slice(0, 3).join(', ')}${written.length > 3 ? ', …' : ''}`;
  return null;
}

export function shortId(requestId: string): string {
  return requestId.slice(0, 8);
}
