/** The outcome of a safety run: what --json writes, what the Markdown and JUnit are rendered from. */
import type { Runtime } from '../runtimes/registry.ts';
import { oracleNames, type Finding, type OracleName } from './findings.ts';

export interface RoundSummary {
  index: number;
  concurrency: number;
  spreadMs: number;
  invocations: number;
  /** Responses per HTTP status, e.g. { "200": 15, "502": 1 }. */
  statuses: Record<string, number>;
}

export interface SafetyResult {
  workload: { name: string; runtime: Runtime };
  seed: number;
  /** The command line that reproduces this run. */
  reproduce: string;
  events: { count: number; source: 'file' | 'generated' };
  maxConcurrency: number;
  rounds: RoundSummary[];
  /** Lone runs of the differential oracle (two per event). */
  loneRuns: number;
  findings: Finding[];
  counts: { errors: number; warnings: number; byOracle: Record<OracleName, { errors: number; warnings: number }> };
  /** True when --fail-fast stopped the run after an error. */
  stoppedEarly: boolean;
  /** Things the reader should know about how far the run can be trusted. */
  notes: string[];
  startedAt: string;
  durationMs: number;
}

export function countFindings(findings: Finding[]): SafetyResult['counts'] {
  const byOracle = Object.fromEntries(oracleNames.map((name) => [name, { errors: 0, warnings: 0 }])) as SafetyResult['counts']['byOracle'];
  for (const finding of findings) {
    if (finding.severity === 'error') byOracle[finding.oracle].errors++;
    else byOracle[finding.oracle].warnings++;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors, byOracle };
}
