/**
 * `lmi-bench safety`: runs the workload's handler on the local engine in one LMI environment,
 * with concurrent invocations in seeded rounds, and reports what breaks when invocations share
 * an environment (runner/safety/). Exit 0 without finding, 1 on an error finding, 2 on bad input.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { ExitCode, UsageError } from '../../errors.ts';
import { flagHelp, readFlags, switchFlag, valueFlag } from '../flag-reader.ts';
import { parseChoice, parseInteger, parseText } from '../values.ts';
import { seededRng } from '../../analysis/rng.ts';
import { launchers } from '../../engine/launchers.ts';
import { benchLimits } from '../../plan/defaults.ts';
import { writeFileAtomic } from '../../system/write-file-atomic.ts';
import { generateEvents, readEventsFile } from '../../safety/events.ts';
import { latestSafetyPath } from '../../safety/latest-result.ts';
import { loadWorkload, resolveHandler } from '../../workload/load.ts';
import { runtimeRegistry, runtimes, type Runtime } from '../../runtimes/registry.ts';
import type { SafetyOptions } from '../../safety/run-safety.ts';
import type { SafetyResult } from '../../safety/result.ts';

const defaults = { rounds: 6, generatedEvents: 8, out: 'results' };

/**
 * Each event runs alone twice, each time in a fresh environment (a cold start, about a second
 * on a busy machine): 10,000 events meant 20,000 environments and hours with no word. 100
 * events (200 fresh environments) finds what concurrency breaks; more adds time, not findings.
 */
export const maxSafetyEvents = 100;
/** The environment is 1 vCPU (the smallest LMI function), so the runtime's default per vCPU applies. */
const defaultConcurrency = (runtime: Runtime): number => runtimeRegistry[runtime].maxConcurrencyPerVcpu;
const maxConcurrency = (runtime: Runtime): number => launchers[runtime].maxSlotsPerEnvironment ?? benchLimits.lmiMaxConcurrency.max;

export const safetyFlags = {
  workload: valueFlag({ value: 'NAME|DIR', help: 'built-in workload or a workload folder (required; also the bare argument)', parse: (raw, label) => parseText(label, raw) }),
  runtime: valueFlag({ value: 'RUNTIME', help: runtimes.join(' | '), defaultText: 'node when the workload has it', parse: (raw, label) => parseChoice(label, raw, runtimes) }),
  events: valueFlag({
    value: 'FILE',
    help: `the events (request bodies): a JSON array or JSON lines; without it, ${defaults.generatedEvents} generated from the workload's event by varying its strings and numbers`,
    parse: (raw, label) => parseText(label, raw),
  }),
  concurrency: valueFlag({
    value: 'N',
    help: "the highest concurrency, also the environment's maxConcurrency",
    defaultText: `the runtime's default for 1 vCPU: ${runtimes.map((runtime) => `${runtime} ${defaultConcurrency(runtime)}`).join(', ')}`,
    parse: (raw, label) => parseInteger(label, raw, {}),
  }),
  rounds: valueFlag({ value: 'N', help: 'rounds, from 2 at once up to --concurrency', default: String(defaults.rounds), parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 100 }) }),
  seed: valueFlag({ value: 'N', help: '0 to 4294967295', defaultText: 'random, printed', parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 2 ** 32 - 1 }) }),
  'fail-fast': switchFlag({ help: 'stop after the first round with an error finding' }),
  json: valueFlag({ value: 'FILE', help: 'write the result as JSON', parse: (raw, label) => parseText(label, raw) }),
  junit: valueFlag({ value: 'FILE', help: 'write JUnit XML: one testcase per oracle, failing on error findings', parse: (raw, label) => parseText(label, raw) }),
  out: valueFlag({
    value: 'DIR',
    help: 'where the latest result is kept for reports and advise (<DIR>/safety/<workload>-<runtime>.json)',
    default: defaults.out,
    parse: (raw, label) => parseText(label, raw),
  }),
};

const help = `usage: lmi-bench safety --workload NAME|DIR [options]

Runs the handler on the local engine in one LMI environment, many invocations at once, and
reports what breaks when invocations share an environment (as they do on LMI):
  cross-talk      (error)   a response holds another concurrent request's id or distinct event values
  differential    (error)   a response differs from the same event run alone (fields that vary
                            between two lone runs, such as timestamps and random ids, are ignored)
  shared-files    (error)   a /tmp path one request writes while an overlapping one reads or writes it
  module-state    (warning) globals changed during an invocation (Node: globalThis, process.env;
                            Python: the workload's module globals)
  outliving-work  (warning) timers or promises still pending when the response was sent (Node)
Rounds climb to --concurrency with shuffled start order; events, order and start times all
come from --seed, so a finding reproduces with the printed seed.
Exit 0 without finding, 1 on an error finding, 2 on bad input.

options:
${flagHelp(safetyFlags)}
The Markdown summary goes to stdout, and is appended to $GITHUB_STEP_SUMMARY when that is set.`;

function quote(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, safetyFlags, { positional: 'workload' });
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const { values } = line;
  const workloadRef = values.workload;
  if (!workloadRef) throw new UsageError('safety needs --workload NAME|DIR (lmi-bench safety --help)');
  const workload = loadWorkload(workloadRef);
  const offered = Object.keys(workload.manifest.runtimes) as Runtime[];
  const runtime = values.runtime ?? (offered.includes('node') ? 'node' : (offered[0] as Runtime));
  resolveHandler(workload, runtime);

  const concurrency = values.concurrency ?? defaultConcurrency(runtime);
  if (concurrency < 1 || concurrency > maxConcurrency(runtime)) {
    throw new UsageError(`${line.label('concurrency')} must be a whole number from 1 to ${maxConcurrency(runtime)}, got '${concurrency}'`);
  }
  const rounds = values.rounds;
  const seed = values.seed ?? randomInt(0, 2 ** 32 - 1);
  const failFast = values['fail-fast'];
  const jsonPath = values.json;
  const junitPath = values.junit;
  for (const [label, path] of [['--json', jsonPath], ['--junit', junitPath]] as const) {
    if (path !== undefined && !existsSync(dirname(resolve(path)))) throw new UsageError(`${label} ${path}: folder ${dirname(resolve(path))} does not exist`);
  }
  const eventsPath = values.events;
  // The events get their own random stream: --rounds or --concurrency must not change them.
  const events = eventsPath !== undefined ? readEventsFile(eventsPath) : generateEvents(workload.manifest.event, defaults.generatedEvents, seededRng(seed ^ 0x5eed));
  if (events.length > maxSafetyEvents) {
    throw new UsageError(`--events ${eventsPath ?? ''} holds ${events.length} events; safety takes at most ${maxSafetyEvents} (each runs alone twice in a fresh environment, so ${events.length} would start ${2 * events.length} environments): pick the ${maxSafetyEvents} most varied`);
  }
  const out = resolve(values.out);

  const reproduce = [
    'lmi-bench safety --workload',
    quote(workloadRef),
    `--runtime ${runtime} --concurrency ${concurrency} --rounds ${rounds} --seed ${seed}`,
    ...(eventsPath !== undefined ? ['--events', quote(eventsPath)] : []),
  ].join(' ');
  process.stderr.write(`lmi-bench safety: ${workload.manifest.name} (${runtime}), seed ${seed}\n`);
  // The estimate up front: the lone runs start one fresh environment each.
  process.stderr.write(`lmi-bench safety: ${events.length} events: ${2 * events.length} lone runs in fresh environments, then ${rounds} rounds of up to ${concurrency} at once\n`);

  const { renderSafetyMarkdown } = await import('../../safety/render-markdown.ts');
  const { renderSafetyJunit } = await import('../../safety/render-junit.ts');
  const result = await measure({
    workload,
    runtime,
    events,
    eventsSource: eventsPath !== undefined ? 'file' : 'generated',
    seed,
    rounds,
    maxConcurrency: concurrency,
    failFast,
    reproduce,
    onProgress: (progress) => process.stderr.write(`lmi-bench safety: ${progress}\n`),
  });

  const markdown = renderSafetyMarkdown(result);
  process.stdout.write(markdown + '\n');
  const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) await appendFile(summaryFile, markdown + '\n');
  const json = JSON.stringify(result, null, 2) + '\n';
  if (jsonPath) await writeFileAtomic(resolve(jsonPath), json);
  if (junitPath) await writeFileAtomic(resolve(junitPath), renderSafetyJunit(result));
  const latest = latestSafetyPath(out, workload.manifest.name, runtime);
  await mkdir(dirname(latest), { recursive: true });
  await writeFileAtomic(latest, json);

  if (result.counts.errors > 0) {
    process.stderr.write(`lmi-bench safety: ${result.counts.errors} error finding${result.counts.errors === 1 ? '' : 's'}; reproduce with --seed ${seed}\n`);
    // The same code as a regression in `check`: CI reads 1 as "the gate failed".
    return ExitCode.regression;
  }
  return ExitCode.ok;
}

/**
 * The run, its engine started before the safety pipeline is loaded: a process of its own, its
 * start-up runs beside that loading on the other core. Ended here too, should the run fail
 * before it ends the engine itself.
 */
async function measure(options: Omit<SafetyOptions, 'engine'>): Promise<SafetyResult> {
  const ahead = (await import('../../target/local/engine-process.ts')).startEngineAhead();
  try {
    const { runSafety } = await import('../../safety/run-safety.ts');
    return await runSafety({ ...options, engine: ahead.handle });
  } finally {
    await ahead.stop();
  }
}
