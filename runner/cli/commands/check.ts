/**
 * `lmi-bench check`: the CI regression gate. Compares a candidate run with a baseline run
 * (or, without --candidate, first measures one with the baseline's plan through the bench
 * command) and exits 1 when any row regressed, 0 otherwise, 2 on bad input.
 */
import { appendFile } from 'node:fs/promises';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseDecimal, parseInteger, parseText } from '../values.ts';
import { compareRuns, type CheckOptions } from '../../analysis/compare.ts';
import { renderCheckMarkdown, rowName } from '../../analysis/check-markdown.ts';
import { renderJunit } from '../../analysis/junit.ts';
import { checkHtml } from '../../../reports/check-html.ts';
import { defaultThresholds, parseThresholds } from '../../analysis/thresholds.ts';
import { readRunFile } from '../../run/read-run.ts';
import { planToBenchArgs } from '../../analysis/replay-plan.ts';
import { readPlanJson } from '../../run/plan-json.ts';
import { writeFileAtomic } from '../../system/write-file-atomic.ts';
import type { RunFile } from '../../run/run-file.ts';

const defaults = { confidence: 0.95, iterations: 2000, seed: 1, out: 'results' };

const thresholdText = Object.entries(defaultThresholds)
  .map(([name, value]) => `${name}=${+(value * 100).toFixed(2)}%`)
  .join(',');

export const checkFlags = {
  baseline: valueFlag({ value: 'PATH', help: 'the baseline run (required)', parse: (raw, label) => parseText(label, raw) }),
  candidate: valueFlag({ value: 'PATH', help: 'the run to judge', defaultText: 'measure one now', parse: (raw, label) => parseText(label, raw) }),
  threshold: valueFlag({
    value: 'LIST',
    help: 'per-metric thresholds, e.g. p99=10%,cost=5% (throttle-rate and error-rate are percentage points)',
    defaultText: thresholdText,
    parse: (raw, label) => parseThresholds(raw, label),
  }),
  confidence: valueFlag({
    value: 'X',
    help: 'two-sided confidence of the intervals, 0.5-0.999',
    default: String(defaults.confidence),
    parse: (raw, label) => parseDecimal(label, raw, { min: 0.5, max: 0.999 }),
  }),
  iterations: valueFlag({ value: 'N', help: 'bootstrap resamples, 200-100000', default: String(defaults.iterations), parse: (raw, label) => parseInteger(label, raw, { min: 200, max: 100000 }) }),
  seed: valueFlag({
    value: 'N',
    help: 'random seed; the same seed and files give the same result',
    default: String(defaults.seed),
    parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 2 ** 32 - 1 }),
  }),
  junit: valueFlag({ value: 'FILE', help: 'write JUnit XML: one testcase per compared row, failures for regressed rows', parse: (raw, label) => parseText(label, raw) }),
  json: valueFlag({ value: 'FILE', help: 'write the comparison as JSON', parse: (raw, label) => parseText(label, raw) }),
  html: valueFlag({ value: 'FILE', help: 'write the comparison as a self-contained page: verdict first, then both runs level by level', parse: (raw, label) => parseText(label, raw) }),
  out: valueFlag({ value: 'DIR', help: 'where a candidate run measured by check goes', default: defaults.out, parse: (raw, label) => parseText(label, raw) }),
};

const help = `usage: lmi-bench check --baseline <run.json|run folder> [--candidate <run.json|run folder>] [options]

Compares every level (mode, settings, concurrency) both runs measured: latency p50/p95/p99,
throughput, throttle and error rates, cost per million requests. Each change gets a bootstrap
confidence interval over trials and requests; a row is regressed only when the change is
significant AND beyond its threshold. Exit 1 when any row regressed, 0 otherwise, 2 on bad input.
Without --candidate the bench runs first with the baseline's plan (results in --out).

options:
${flagHelp(checkFlags)}
The Markdown table goes to stdout, and is appended to $GITHUB_STEP_SUMMARY when that is set.`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, checkFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const { values } = line;
  const baselinePath = values.baseline;
  if (!baselinePath) throw new UsageError('check needs --baseline <run.json or run folder> (lmi-bench check --help)');
  const options: CheckOptions = {
    thresholds: values.threshold ?? { ...defaultThresholds },
    confidence: values.confidence,
    iterations: values.iterations,
    seed: values.seed,
  };
  const junitPath = values.junit;
  const jsonPath = values.json;
  const htmlPath = values.html;
  for (const [label, path] of [['--junit', junitPath], ['--json', jsonPath], ['--html', htmlPath]] as const) {
    if (path !== undefined) checkWritableFile(label, path);
  }
  const baseline = readRunFile(baselinePath, { label: 'baseline', requireHistograms: true });
  const candidatePath = values.candidate;
  let candidate: RunFile;
  if (candidatePath !== undefined) {
    candidate = readRunFile(candidatePath, { label: 'candidate', requireHistograms: true });
  } else {
    const measured = await measureCandidate(baseline, baselinePath, values.out);
    if (typeof measured === 'number') return measured;
    candidate = measured;
  }

  const result = compareRuns(baseline, candidate, options);
  const markdown = renderCheckMarkdown(result);
  process.stdout.write(markdown + '\n');
  const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) await appendFile(summaryFile, markdown + '\n');
  if (junitPath) await writeFileAtomic(resolve(junitPath), renderJunit(result));
  if (jsonPath) await writeFileAtomic(resolve(jsonPath), JSON.stringify(result, null, 2) + '\n');
  if (htmlPath) await writeFileAtomic(resolve(htmlPath), checkHtml(result));

  const regressed = result.rows.filter((row) => row.status === 'regressed');
  if (regressed.length > 0) {
    process.stderr.write(`lmi-bench: ${regressed.length} regressed: ${regressed.map(rowName).join('; ')}\n`);
    return ExitCode.regression;
  }
  return ExitCode.ok;
}

/**
 * Before any work (a candidate may take minutes to measure): the output file's folder exists
 * and is writable, and the path is not a folder. Messages name the path as the user gave it.
 */
function checkWritableFile(label: string, path: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new UsageError(`${label} ${path}: folder ${folder} does not exist`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`${label} ${path}: ${folder} is a file, not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`${label} ${path}: folder ${folder} is not writable`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${label} ${path} is a folder: give a file name`);
}

/** Runs the bench command with the baseline's plan; its exit code when it did not complete. */
async function measureCandidate(baseline: RunFile, source: string, out: string): Promise<RunFile | number> {
  const runId = `check-${new Date().toISOString().replace(/[:.]/g, '-')}-${baseline.workload.name}`.replace(/[^A-Za-z0-9._-]/g, '-');
  const plan = readPlanJson(baseline.plan, source, ', so it cannot be run again (give --candidate)');
  const args = [...planToBenchArgs(plan), '--out', out, '--run-id', runId];
  process.stderr.write(`lmi-bench: measuring the candidate with the baseline's plan (${baseline.runId})\n`);
  const bench = await import('./bench.ts');
  const code = await bench.run(args);
  if (code !== ExitCode.ok) return code;
  return readRunFile(join(resolve(out), runId), { label: 'candidate', requireHistograms: true });
}
