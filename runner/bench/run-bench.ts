/**
 * One bench run end to end: claim the run's folder, sweep both compute types on the target,
 * save run.json at the start and after every level, price it, recommend LMI settings, render
 * the report, print the table. Ctrl-C (or SIGTERM) stops the load at once, stops the target
 * and saves the finished levels as an interrupted run (exit 130); a second Ctrl-C saves them
 * the same way synchronously, ends the engine and exits without waiting.
 */
import { dirname, join } from 'node:path';
import { ExitCode } from '../errors.ts';
import { planVariants } from '../plan/variants.ts';
import { planToJson } from '../run/plan-json.ts';
import { planLevelCount, plannedWallTimeMs } from '../plan/wall-time.ts';
import { claimRunFolder } from '../plan/out-dir.ts';
import type { BenchPlan } from '../plan/plan.ts';
import type { Target } from '../target/target.ts';
import type { LevelResult, RunFile } from '../run/run-file.ts';
import { buildRunFile } from '../run/build-run.ts';
import { writeRunFile } from '../run/write-run.ts';
import { RunCheckpoint } from '../run/checkpoint.ts';
import { machineInfo } from '../system/machine.ts';
import { runSweep, type SweepResult } from '../sweep/sweep.ts';
import { createProgressPrinter } from '../sweep/progress.ts';
import { formatSummaryTable } from '../sweep/summary-table.ts';
import type { PullMetrics } from '../sweep/sweep-run.ts';
import { pullLevelMetrics } from '../metrics/pull.ts';
import { findAwsCredentials } from '../system/aws-credentials.ts';
import { attachCosts } from '../cost/attach.ts';
import { costOptionsFromPlan } from '../cost/plan-cost-options.ts';
import { loadPriceBook } from '../pricing/load-price-book.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { loadWorkerCost } from '../cost/load-worker-cost.ts';
import { loadWorkerArchitecture, loadWorkerMemoryMb } from '../load/worker/worker-function.ts';
import { writeReport } from '../../reports/write-report.ts';
import { terminalVerdict } from '../../reports/terminal-verdict.ts';
import { recommendSettings } from '../analysis/recommend.ts';
import { errorMessage } from '../system/error-message.ts';

export interface RunBenchOptions {
  /** Print only the verdict and the paths: no table, no level lines; on a terminal, the heartbeat of long phases on stderr. */
  quiet?: boolean;
}

/** Where --quiet sends the progress lines. */
const silent = { isTTY: false, write: (): boolean => true };

/** A bench on AWS: the CDK packages must be installed (one line naming the install otherwise), durations adjusted. */
async function awsPlan(requested: BenchPlan): Promise<BenchPlan> {
  (await import('../target/aws/aws-parts.ts')).requireAwsParts('--target aws');
  // Before the run's folder and run.json exist: bad credentials leave nothing behind.
  await (await import('../target/aws/caller-identity.ts')).checkPlanCredentials(requested);
  return (await import('../target/aws/plan-check.ts')).adjustPlanForAws(requested).plan;
}

export async function runBench(requested: BenchPlan, options: RunBenchOptions = {}): Promise<number> {
  // `python3 --version` (a process of its own) answers while the folder is claimed and the target loaded.
  const machineLookup = machineInfo();
  const plan = await claimPlan(requested);
  const startedAtMs = Date.now();
  const planJson = planToJson(plan);
  const variants = planVariants(plan);
  // Before the checkpoint: its first save already states the /tmp isolation the target applies.
  const target = await createTarget(plan);
  const machine = await machineLookup;
  const checkpoint = new RunCheckpoint({
    dir: plan.outDir,
    levelCount: variants.length * planLevelCount(plan),
    build: (outcome) => buildRunFile(plan, planJson, machine, startedAtMs, outcome, target.tmpIsolation?.()),
    onError: (message) => process.stderr.write(`lmi-bench: could not save progress: ${message}\n`),
  });
  await checkpoint.start();
  const controller = new AbortController();
  const pullMetrics = await metricsPuller(plan, controller.signal);
  const stopListening = interruptOnSignals(controller, target, checkpoint);

  // --quiet: stdout keeps the verdict and paths alone; a terminal's stderr still gets the
  // heartbeat of phases longer than 5 s (wiped as each ends), a log or pipe gets nothing.
  const quietHeartbeat = options.quiet === true && process.stderr.isTTY === true;
  const progressStream = options.quiet && !quietHeartbeat ? silent : process.stderr;
  // The ETA starts from the same estimate --plan-only prints.
  const progress = createProgressPrinter(progressStream, { estimateMs: plannedWallTimeMs(plan), heartbeatOnly: options.quiet === true });
  if (!options.quiet) progressStream.write(`lmi-bench: run ${plan.runId}: ${plan.workload.manifest.name} (${plan.runtime}) on ${plan.target}, results in ${plan.outDir}\n`);
  let outcome;
  try {
    outcome = await runSweep(plan, target, variants, {
      signal: controller.signal,
      pullMetrics,
      onProgress: (p) => progress.update(p),
      onLevel: (level, index, count) => {
        progress.level(level, index, count);
        checkpoint.level(level);
      },
    });
  } finally {
    progress.done();
  }
  await checkpoint.flushed();

  let runFile = buildRunFile(plan, planJson, machine, startedAtMs, outcome, target.tmpIsolation?.());
  runFile = await withCosts(runFile, plan, outcome.status !== 'complete');
  const recommendation = recommendSettings(runFile, plan.sloP99Ms ?? null);
  if (recommendation) runFile = { ...runFile, recommendation };
  await writeRunFile(plan.outDir, runFile);
  const report = await writeReport(plan.outDir).catch((error: unknown) => {
    process.stderr.write(`lmi-bench: report not written: ${errorMessage(error)}\n`);
    return null;
  });
  stopListening();

  if (runFile.levels.length > 0 && !options.quiet) process.stdout.write(formatSummaryTable(runFile.levels) + '\n\n');
  // The finding where the user looks: after the table, the verdict in words, then the paths.
  process.stdout.write(terminalVerdict(runFile, { outDir: plan.outDir, htmlPath: report?.htmlPath ?? null }, report?.safety.gate ?? null) + '\n');
  return exitCode(outcome, runFile);
}

/** The plan of this run, in the run folder it claimed. */
async function claimPlan(requested: BenchPlan): Promise<BenchPlan> {
  // On AWS a level must span whole CloudWatch periods (LMI publishes every 5 minutes): the
  // sweep runs the adjusted durations, the same ones the spend guard budgets for.
  const adjusted = requested.target === 'aws' ? await awsPlan(requested) : requested;
  // The run id is the run's own only once its folder exists: two runs planned in the same
  // second would otherwise write into one folder.
  const outRoot = dirname(adjusted.outDir);
  const runId = claimRunFolder(outRoot, adjusted.runId, adjusted.runIdChosenBy, '--run-id');
  return { ...adjusted, runId, outDir: join(outRoot, runId) };
}

/**
 * The engine's metrics are complete at once; AWS delivers a period's data up to about a
 * minute after it ends (LMI publishes every 5 minutes), so the pull waits for that.
 */
async function metricsPuller(plan: BenchPlan, signal: AbortSignal): Promise<PullMetrics> {
  const credentials = plan.target === 'aws' ? await findAwsCredentials(process.env) : null;
  return (access, window, mode) =>
    pullLevelMetrics(access, window, mode, {
      signal,
      ...(credentials ? { credentials } : {}),
      ...(plan.target === 'aws' ? { settleMs: 60_000 } : {}),
    });
}

/** Ctrl-C (or SIGTERM) aborts the sweep; a second one saves and exits at once. Returns the function that stops listening. */
function interruptOnSignals(controller: AbortController, target: Target, checkpoint: RunCheckpoint): () => void {
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals === 1) {
      process.stderr.write('\nlmi-bench: stopping (Ctrl-C again to quit at once)…\n');
      controller.abort();
      return;
    }
    target.kill?.();
    checkpoint.saveInterruptedSync('interrupted by the user (quit at once: the level in progress was dropped)');
    process.stderr.write('lmi-bench: interrupted\n');
    process.exit(ExitCode.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The run's exit code, with the line that says why when it is not a success. */
function exitCode(outcome: SweepResult, runFile: RunFile): number {
  if (outcome.status === 'interrupted') return ExitCode.interrupted;
  if (outcome.status === 'failed' && outcome.targetLost) {
    // Something outside ended the platform (the OOM killer, a kill -9, a lost account): the
    // environment was unusable, as when every level fails; the measured levels are kept.
    const kept = runFile.levels.filter((level) => level.state === 'measured').length;
    process.stderr.write(`lmi-bench: run stopped: ${outcome.reason ?? 'the target went away'}; the ${kept} level${kept === 1 ? '' : 's'} measured before it ${kept === 1 ? 'is' : 'are'} in run.json\n`);
    return ExitCode.usage;
  }
  if (outcome.status === 'failed') {
    process.stderr.write(`lmi-bench: run failed: ${outcome.reason ?? 'unknown reason'}\n`);
    return ExitCode.usage;
  }
  if (!runFile.levels.some((level) => level.state === 'measured')) {
    // Nothing measured is no result: the workload or the environment cannot serve the load
    // (the handler fails, the target cannot be reached), which is the user's to fix (exit 2),
    // never a success a script would take for one.
    process.stderr.write(`lmi-bench: no level could be measured:\n${failureReasons(runFile.levels)}`);
    return ExitCode.usage;
  }
  return ExitCode.ok;
}

/** Each distinct reason once, with the levels it ended: `  4 levels: trial 1: no successful response (...)`. */
function failureReasons(levels: LevelResult[]): string {
  const byReason = new Map<string, string[]>();
  for (const level of levels) {
    if (level.state === 'measured') continue;
    const names = byReason.get(level.reason) ?? [];
    names.push(`${level.variantId} ${level.rate !== undefined ? `${level.rate} req/s` : `c=${level.concurrency}`}`);
    byReason.set(level.reason, names);
  }
  return [...byReason].map(([reason, names]) => `  ${names.join(', ')}: ${reason}\n`).join('');
}

async function createTarget(plan: BenchPlan): Promise<Target> {
  if (plan.target === 'aws') {
    const { AwsTarget } = await import('../target/aws/aws-target.ts');
    return new AwsTarget(plan);
  }
  const { LocalTarget } = await import('../target/local/local-target.ts');
  return new LocalTarget(plan);
}

/** Costs from the price book; an interrupted run never waits on the network for them. */
async function withCosts(run: RunFile, plan: BenchPlan, offline: boolean): Promise<RunFile> {
  try {
    const credentials = plan.pricing.offline || offline ? null : await findAwsCredentials(process.env);
    const prices = await loadPriceBook({ region: plan.region, offline: plan.pricing.offline || offline, credentials });
    return withLoadWorkerCost(attachCosts(run, prices, costOptionsFromPlan(plan)), plan, prices);
  } catch (error) {
    process.stderr.write(`lmi-bench: costs not attached: ${errorMessage(error)}\n`);
    return withLoadWorkerCost(run, plan, null);
  }
}

/** The load workers' own cost, stated apart (runs with --load-workers ≥ 2). */
function withLoadWorkerCost(run: RunFile, plan: BenchPlan, prices: PriceBook | null): RunFile {
  const cost = loadWorkerCost(run.levels, plan.load?.workers ?? 1, { memoryMb: loadWorkerMemoryMb, architecture: loadWorkerArchitecture }, prices, plan.target === 'local');
  return cost ? { ...run, loadWorkers: cost } : run;
}
