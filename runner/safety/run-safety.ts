/**
 * The safety run: starts the local engine, runs each event alone twice (each time in a fresh
 * environment) for the differential oracle, then the seeded rounds against one LMI environment
 * whose runtime hooks record what every invocation touched, and hands each round to the oracles.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRng } from '../analysis/rng.ts';
import type { FunctionSpec, LmiComputeSpec } from '../engine/protocol.ts';
import { benchDefaults } from '../plan/defaults.ts';
import { startEngine, type EngineHandle } from '../target/local/engine-process.ts';
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';
import type { Workload } from '../workload/manifest.ts';
import type { SafetyEvent } from './events.ts';
import type { Finding, HookRecord, Invocation, LoneRuns, Round } from './findings.ts';
import { crossTalk } from './oracles/cross-talk.ts';
import { differential, loneBaselines } from './oracles/differential.ts';
import { moduleState, moduleStateSharing } from './oracles/module-state.ts';
import { outlivingWork } from './oracles/outliving-work.ts';
import { sharedFiles } from './oracles/shared-files.ts';
import { countFindings, type RoundSummary, type SafetyResult } from './result.ts';
import { planRounds, type RoundPlan } from './schedule.ts';
import { sendEvent } from './send.ts';
import { sleep } from '../system/sleep.ts';
import { ExitCode } from '../errors.ts';

export interface SafetyOptions {
  workload: Workload;
  runtime: Runtime;
  events: SafetyEvent[];
  eventsSource: 'file' | 'generated';
  seed: number;
  rounds: number;
  maxConcurrency: number;
  failFast: boolean;
  /** The command line that reproduces the run (printed with the seed). */
  reproduce: string;
  timeoutMs?: number;
  onProgress?: (line: string) => void;
  /** An engine already starting (startEngineAhead), used instead of starting one. */
  engine?: Promise<EngineHandle>;
}

/** Lone runs deploy a one-slot function each; this many at a time keeps a 2-core machine responsive. */
const loneRunsAtOnce = 4;

/** Between the two lone passes: more than a second, so a clock read in whole seconds moves too. */
const lonePassGapMs = 1100;

function lmiCompute(maxConcurrency: number): LmiComputeSpec {
  return {
    type: 'lmi',
    // The smallest LMI function: one environment of 1 vCPU, as the runtime defaults assume.
    memoryMb: benchDefaults.lmi.minMemoryMb,
    gibPerVcpu: 2,
    maxConcurrency,
    minEnvironments: 1,
    maxEnvironments: 1,
    instanceType: benchDefaults.lmi.instanceType,
    maxVcpus: benchDefaults.lmi.maxVcpus,
    // One environment, never scaled: every invocation of a round shares it.
    scalerIntervalMs: 600_000,
  };
}

async function readHookRecords(dir: string): Promise<Map<string, HookRecord>> {
  const records = new Map<string, HookRecord>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as HookRecord;
      records.set(record.requestId, record);
    }
  }
  return records;
}

async function inBatches<T>(count: number, width: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}


/**
 * Ctrl-C or SIGTERM ends the process where it stands, and runSafety's `finally` never runs: the
 * hooks' record folder is removed first (the engine ends by itself when this process's pipe
 * closes), then exit 130. Returns the function that stops listening.
 */
function removeOnSignal(dir: string): () => void {
  const onSignal = (): void => {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write('\nlmi-bench safety: interrupted\n');
    process.exit(ExitCode.interrupted);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export async function runSafety(options: SafetyOptions): Promise<SafetyResult> {
  const startedAt = new Date();
  const progress = options.onProgress ?? (() => undefined);
  const rng = seededRng(options.seed);
  const plans = planRounds(options.rounds, options.maxConcurrency, options.events.length, rng);
  const base = { workloadDir: options.workload.dir, runtime: options.runtime, timeoutMs: options.timeoutMs ?? benchDefaults.timeoutSec * 1000 };
  const prefix = `safety-${process.pid}`;
  const recordDir = await mkdtemp(join(tmpdir(), 'lmi-bench-safety-'));
  const stopRemovingOnSignal = removeOnSignal(recordDir);
  let engine: EngineHandle | undefined;
  try {
    engine = await (options.engine ?? startEngine());
    const client = engine.client;

    // Differential baseline: every event alone, twice, each run in a function of its own (a
    // fresh environment that has served nothing else). The two runs of one event are in two
    // passes, the second starting over a second after the first ended: run side by side, both
    // would read the same clock, and a timestamp (even one in whole seconds) would look stable
    // and then be reported as changed under concurrency.
    progress(`running each of ${options.events.length} events alone, twice, in fresh environments`);
    const lonePass = (pass: 0 | 1) =>
      inBatches(options.events.length, loneRunsAtOnce, async (e) => {
        const name = `${prefix}-lone-${pass}-${e}`;
        const deployed = await client.deploy({ ...base, name, compute: lmiCompute(1) } satisfies FunctionSpec);
        try {
          const sent = await sendEvent(deployed.url, options.events[e]);
          return { requestId: sent.requestId, status: sent.status, body: sent.body };
        } finally {
          await client.remove(name);
        }
      });
    const firstRuns = await lonePass(0);
    progress(`first lone pass done: ${options.events.length} environments; the second starts in ${lonePassGapMs / 1000} s`);
    await sleep(lonePassGapMs);
    const secondRuns = await lonePass(1);
    const loneResponses = [...firstRuns, ...secondRuns];
    const lone: LoneRuns[] = options.events.map((_, e) => ({ eventIndex: e, runs: [firstRuns[e]!, secondRuns[e]!] }));
    const baselines = loneBaselines(lone);

    const name = `${prefix}-rounds`;
    const deployed = await client.deploy({ ...base, name, compute: lmiCompute(options.maxConcurrency), safetyRecordDir: recordDir });
    const rounds: Round[] = [];
    const findings: Finding[] = [];
    let stoppedEarly = false;
    for (const plan of plans) {
      const round = await runRound(deployed.url, plan, options.events, recordDir);
      rounds.push(round);
      const found = [...crossTalk(round, options.events), ...differential(round, baselines), ...sharedFiles(round)];
      findings.push(...found);
      progress(`round ${plan.index}/${plans.length}: ${plan.concurrency} at once, spread ${plan.spreadMs} ms: ${found.length} error finding${found.length === 1 ? '' : 's'}`);
      if (options.failFast && found.length > 0) {
        stoppedEarly = plan.index < plans.length;
        break;
      }
    }
    await client.remove(name);
    findings.push(...moduleState(rounds, options.runtime), ...outlivingWork(rounds));

    return {
      workload: { name: options.workload.manifest.name, runtime: options.runtime },
      seed: options.seed,
      reproduce: options.reproduce,
      events: { count: options.events.length, source: options.eventsSource },
      maxConcurrency: options.maxConcurrency,
      rounds: rounds.map((round, i) => summarize(round, plans[i] as RoundPlan)),
      loneRuns: loneResponses.length,
      findings,
      counts: countFindings(findings),
      stoppedEarly,
      notes: notes(lone, rounds, options.runtime),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
    };
  } finally {
    stopRemovingOnSignal();
    await engine?.stop();
    await rm(recordDir, { recursive: true, force: true });
  }
}

async function runRound(url: string, plan: RoundPlan, events: SafetyEvent[], recordDir: string): Promise<Round> {
  const sends = plan.events.map(async (eventIndex, i) => {
    const delay = plan.startDelaysMs[i] ?? 0;
    if (delay > 0) await sleep(delay);
    const sent = await sendEvent(url, events[eventIndex]);
    return { ...sent, eventIndex };
  });
  const sent = await Promise.all(sends);
  // The hooks write each record before the response is handed back: all are on disk now.
  const records = await readHookRecords(recordDir);
  const invocations: Invocation[] = sent.map((s) => {
    const record = records.get(s.requestId);
    return record ? { ...s, record } : s;
  });
  return { index: plan.index, concurrency: plan.concurrency, invocations };
}

function summarize(round: Round, plan: RoundPlan): RoundSummary {
  const statuses: Record<string, number> = {};
  for (const invocation of round.invocations) statuses[invocation.status] = (statuses[invocation.status] ?? 0) + 1;
  return { index: round.index, concurrency: round.concurrency, spreadMs: plan.spreadMs, invocations: round.invocations.length, statuses };
}

function notes(lone: LoneRuns[], rounds: Round[], runtime: Runtime): string[] {
  const out: string[] = [];
  if (moduleStateSharing[runtime] === null) {
    out.push('module globals are not reported: on LMI each concurrent Python invocation runs in a process of its own, so they are per process (as on standard Lambda); /tmp, which the processes share, is checked');
  }
  const loneRuns = lone.flatMap((l) => l.runs);
  const loneFailed = loneRuns.filter((r) => r.status >= 400).length;
  if (loneFailed === loneRuns.length && loneRuns.length > 0) {
    out.push(`every lone run answered an error (${loneRuns[0]?.status}): the events may not suit the handler; pass realistic ones with --events`);
  } else if (loneFailed > 0) {
    out.push(`${loneFailed} of ${loneRuns.length} lone runs answered an error status`);
  }
  const all = rounds.flatMap((r) => r.invocations);
  const unrecorded = all.filter((i) => !i.record).length;
  if (!runtimeRegistry[runtime].safetyHooks) {
    out.push(`the ${runtime} runtime records no per-invocation hooks: the file, state and pending-work oracles do not apply; cross-talk and differential judge the answers`);
  } else if (unrecorded > 0) out.push(`${unrecorded} of ${all.length} invocations left no hook record (timed out or crashed): the file, state and pending-work oracles could not see inside them`);
  return out;
}
