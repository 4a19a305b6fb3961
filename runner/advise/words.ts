/**
 * advise in words: the verdict, what would settle it, each risk and the assumptions, from the
 * model's figures (model.ts returns data only). The terminal and the HTML page both render these,
 * so the two say the same thing. Pure.
 */
import { safetyCheckLine } from '../safety/latest-result.ts';
import { gateHeadline } from '../safety/gate.ts';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from '../../reports/format.ts';
import { hoursPerMonth, requestsPerMonthAt } from '../system/numbers.ts';
import { breakEvenRangeParts, verdictText as verdictParts } from '../../reports/verdict.ts';
import { sizingAssumptions } from '../capacity/lmi-sizing.ts';
import { runtimeBlocksLmi, savingEnds, type Advice, type Risk } from './model.ts';
import type { SettingReason } from './settings-choice.ts';
import { lambdaVcpuShare } from '../capacity/lambda-cpu-share.ts';

function perMonth(rps: number): string {
  return `${formatCount(Math.round(requestsPerMonthAt(rps)))} requests a month`;
}

/** How to turn the CPU range into one figure. */
export const narrowCpuText = 'narrow it with --cpu-ms, a bench of the handler (lmi-bench bench --workload ./your-handler), or Lambda Insights (advise reads its cpu_total_time when the function has it)';

/** A break-even rate in words: the rate, or none in the scanned range. */
function rateWords(rps: number | null): string {
  if (rps === null) return 'none up to 100,000 req/s';
  return rps === 0 ? 'any rate' : `${formatRps(rps)} req/s`;
}

/** LMI's month at one end of the CPU range, against standard Lambda's. */
function savingWords(savingUsdPerMonth: number): string {
  return savingUsdPerMonth >= 0 ? `LMI saves ${formatUsd(savingUsdPerMonth)} a month` : `LMI costs ${formatUsd(-savingUsdPerMonth)} a month more`;
}

/**
 * Unknown CPU time: the break-even as a range over the share of the duration spent on CPU, with
 * the verdict at each end, so the assumption that moves it most is in the headline.
 */
function breakEvenRangeClause(advice: Advice): string | null {
  const rows = advice.sensitivity;
  const waiting = rows?.[0];
  const busy = rows?.at(-1);
  if (!waiting || !busy) return null;
  return (
    ` CPU time per request is unknown, so the break-even is a range: ${rateWords(waiting.breakEvenRequestsPerSecond)} if the handler mostly waits (0% CPU; at your traffic ${savingWords(waiting.savingUsdPerMonth)})` +
    ` to ${rateWords(busy.breakEvenRequestsPerSecond)} if it is all CPU (${savingWords(busy.savingUsdPerMonth)}); your traffic averages ${formatRps(advice.traffic.meanRps)} req/s. ${narrowCpuText.charAt(0).toUpperCase()}${narrowCpuText.slice(1)}.`
  );
}

/** "LMI is cheaper above X–Y req/s, depending on the instance type Lambda picks (…)", as the bench's reports say it. */
export function breakEvenRangeText(range: NonNullable<Advice['breakEvenRange']>): string {
  return verdictParts(breakEvenRangeParts(range));
}

function breakEvenClause(advice: Advice): string {
  const range = breakEvenRangeClause(advice);
  if (range !== null) return range;
  const rps = advice.breakEvenRequestsPerSecond;
  if (rps === null) return ' LMI is not cheaper at any sustained rate up to 100,000 req/s.';
  if (rps === 0) return ' LMI is cheaper at every sustained rate.';
  if (advice.breakEvenRange) return ` ${breakEvenRangeText(advice.breakEvenRange)}; your traffic averages ${formatRps(advice.traffic.meanRps)} req/s.`;
  return ` LMI is cheaper above ${formatRps(rps)} req/s (${perMonth(rps)}); your traffic averages ${formatRps(advice.traffic.meanRps)} req/s.`;
}

/**
 * A function already on LMI: what standard Lambda would cost it, and which way the difference
 * points (its LMI month is priced with the settings it runs with).
 */
function onLmiVerdict(advice: Advice): string {
  const { lambda, lmi } = advice;
  const lambdaCost = `On LMI: standard Lambda would cost ${formatUsd(lambda.usdPerMonth)} a month against ${formatUsd(lmi.usdPerMonth)} on LMI (${formatCount(lmi.instances)} × ${lmi.instanceType} at the busiest minute)`;
  const share = advice.savingShare === null ? '' : ` (${formatPct(Math.abs(advice.savingShare))})`;
  const even = breakEvenClause(advice);
  switch (advice.decision) {
    case 'no-traffic':
      return `On LMI with no traffic: its 3-instance floor still costs ${formatUsd(lmi.floor.usdPerMonth)} a month; standard Lambda would cost nothing while idle. Move it back to standard Lambda.`;
    case 'lmi':
      return `${lambdaCost}: staying on LMI saves ${formatUsd(advice.savingUsdPerMonth)} a month${share}.${even}`;
    case 'lambda':
      return `${lambdaCost}: moving back to standard Lambda saves ${formatUsd(-advice.savingUsdPerMonth)} a month${share}.${even}`;
    case 'equal':
      return `${lambdaCost}: the same either way.${even}`;
    case 'depends-on-cpu':
      return `On LMI: ${lmiVerdict(advice)}`;
  }
}

/** The headline: move, stay, either, or what it depends on, with the month on each; from where the function runs now. */
export function verdictText(advice: Advice): string {
  return advice.runsOn === 'lmi' ? onLmiVerdict(advice) : lmiVerdict(advice);
}

/** A month projected from less history than was asked for says how much it saw. */
export function historyText(advice: Advice): string | null {
  const history = advice.traffic.history;
  if (history === null || history.minutesSeen >= history.minutesAsked) return null;
  const days = Math.round(history.minutesAsked / 1440);
  return (
    `Projected from ${formatCount(history.minutesSeen)} minute(s) of history (CloudWatch had nothing earlier), not the ${days} day(s) asked for: ` +
    'the month repeats those minutes, so any busier or quieter time outside them is missing.'
  );
}

function lmiVerdict(advice: Advice): string {
  const { lambda, lmi } = advice;
  const lmiCost = `LMI would cost ${formatUsd(lmi.usdPerMonth)} a month (${formatCount(lmi.instances)} × ${lmi.instanceType} at the busiest minute) against ${formatUsd(lambda.usdPerMonth)} on standard Lambda`;
  const even = breakEvenClause(advice);
  const share = advice.savingShare === null ? '' : ` (${formatPct(Math.abs(advice.savingShare))})`;
  switch (advice.decision) {
    case 'no-traffic':
      return `No traffic: standard Lambda costs nothing while idle; LMI would cost ${formatUsd(lmi.floor.usdPerMonth)} a month for its 3-instance floor. Stay on standard Lambda.`;
    case 'lmi': {
      const blocked = runtimeBlocksLmi(advice);
      if (blocked) return `Upgrade ${blocked.runtime} first: LMI would save ${formatUsd(advice.savingUsdPerMonth)} a month${share}, but LMI runs only ${blocked.minimum}+. ${lmiCost}.${even}`;
      return `Move to LMI: it saves ${formatUsd(advice.savingUsdPerMonth)} a month${share}. ${lmiCost}.${even}`;
    }
    case 'lambda':
      return `Stay on standard Lambda: ${lmiCost}, ${formatUsd(-advice.savingUsdPerMonth)} a month more${advice.savingShare === null ? '' : ` (+${formatPct(Math.abs(advice.savingShare))})`}.${even}`;
    case 'equal':
      return `Either: both cost ${formatUsd(lambda.usdPerMonth)} a month at this traffic.${even}`;
    case 'depends-on-cpu': {
      const rows = advice.sensitivity ?? [];
      const waiting = rows[0];
      const busy = rows.at(-1);
      return (
        `It depends on CPU time per request: LMI saves money if the handler spends less than about ${formatMs(advice.cpuThresholdMs ?? 0)} ms of each request on CPU` +
        (waiting && busy ? ` (all-waiting: saves ${formatUsd(waiting.savingUsdPerMonth)} a month; all-CPU: costs ${formatUsd(-busy.savingUsdPerMonth)} more).` : '.') +
        ` Standard Lambda costs ${formatUsd(lambda.usdPerMonth)} a month.${breakEvenRangeClause(advice) ?? ''}`
      );
    }
  }
}

/** The safety line that leads the verdict, before any cost: not safe yet, or not checked; null otherwise. */
export function safetyLeadText(advice: Advice): string | null {
  return advice.safetyGate === null ? null : gateHeadline(advice.safetyGate);
}

/** Which input would settle the answer; null when nothing is open. */
export function settleText(advice: Advice): string | null {
  if (advice.decision === 'no-traffic') return null;
  const measure = 'standard Lambda does not publish CPU time: read cpu_total_time from Lambda Insights, or bench your handler (lmi-bench bench --workload ./your-handler), then pass --cpu-ms';
  if (advice.decision === 'depends-on-cpu') return `CPU time per request settles it (the threshold is about ${formatMs(advice.cpuThresholdMs ?? 0)} ms): ${measure}.`;
  if (advice.lmi.cpuMsAssumed) return `The verdict holds from all-waiting to all-CPU; CPU time per request only changes the size of the difference (${measure}).`;
  return null;
}

/** The break-even for a table cell: one rate, or the range over the CPU share when CPU time is unknown. */
/** Under the ranking, when some function's CPU time is unknown. */
export const unknownCpuRankingNote =
  'Where CPU time per request is unknown, LMI $/mo, the saving and the break-even run from all-waiting (0% CPU) to all-CPU, and the rank follows the saving at the all-waiting end, ties by the all-CPU end, as the verdict gives both';

/** The ranking's saving: the range from all-waiting to all-CPU where CPU time is unknown, else one figure. */
export function savingCell(advice: Advice): string {
  const ends = savingEnds(advice);
  return advice.sensitivity ? `${formatUsd(ends.allWaitingUsd)} to ${formatUsd(ends.allCpuUsd)}` : formatUsd(advice.savingUsdPerMonth);
}

/** The ranking's LMI month: a range like the saving's where CPU time is unknown. */
export function lmiMonthCell(advice: Advice): string {
  const rows = advice.sensitivity;
  const [waiting, busy] = [rows?.[0], rows?.at(-1)];
  return waiting && busy ? `${formatUsd(waiting.lmiUsdPerMonth)} to ${formatUsd(busy.lmiUsdPerMonth)}` : formatUsd(advice.lmi.usdPerMonth);
}

export function breakEvenCell(advice: Advice): string {
  const cell = (rps: number | null): string => (rps === null ? 'none' : formatRps(rps));
  const rows = advice.sensitivity;
  const waiting = rows?.[0];
  const busy = rows?.at(-1);
  if (waiting && busy) return `${cell(waiting.breakEvenRequestsPerSecond)}–${cell(busy.breakEvenRequestsPerSecond)}`;
  return cell(advice.breakEvenRequestsPerSecond);
}

/** The ranking's short verdict: from where the function runs now, never "move" to a runtime LMI cannot run. */
export function shortVerdict(advice: Advice): string {
  if (advice.runsOn === 'lambda' && advice.decision === 'lmi' && runtimeBlocksLmi(advice)) return 'upgrade runtime, then LMI';
  return decisionWords[advice.runsOn][advice.decision];
}

/** The ranking's short verdict, from where the function runs now. */
export const decisionWords: Record<Advice['runsOn'], Record<Advice['decision'], string>> = {
  lambda: { lmi: 'move to LMI', lambda: 'stay', equal: 'either', 'depends-on-cpu': 'depends on CPU', 'no-traffic': 'no traffic' },
  lmi: { lmi: 'stay on LMI', lambda: 'move to Lambda', equal: 'either', 'depends-on-cpu': 'depends on CPU', 'no-traffic': 'no traffic (move to Lambda)' },
};

export function riskText(risk: Risk): string {
  switch (risk.kind) {
    case 'instance-floor': {
      const { floor } = risk;
      const shared = risk.functionsPerProvider > 1 ? ` (this function's share: the capacity provider's floor is split between ${risk.functionsPerProvider} functions)` : '';
      return (
        `LMI never runs fewer than 3 instances (one per Availability Zone) and does not scale to zero: ` +
        // Instance-hours, not "about 2,000 hours" as a pricing example may assume: the floor bills every hour of the month.
        `${formatCount(floor.instances)} × ${formatCount(hoursPerMonth)} h = ${formatCount(floor.instances * hoursPerMonth)} instance-hours a month at least; ` +
        `the floor alone costs ${formatUsd(floor.usdPerMonth)} a month on ${floor.instanceType}${shared}, ${formatPct(floor.shareOfLmi)} of LMI's cost here` +
        (risk.busiestInstances <= floor.instances ? '; your traffic never needs more than the floor.' : `; your busiest minute needs ${formatCount(risk.busiestInstances)} instances.`)
      );
    }
    case 'traffic-surge':
      return surgeText(risk.seen);
    case 'runtime-version':
      return runtimeText(risk.support);
    case 'concurrent-invocations':
      return concurrencyText(risk);
    case 'architecture':
      return `${risk.instanceType} is ${risk.instanceArchitecture} but the function is built for ${risk.functionArchitecture}: its code and layers must run on ${risk.instanceArchitecture}.`;
  }
}

function surgeText(seen: Extract<Risk, { kind: 'traffic-surge' }>['seen']): string {
  switch (seen.state) {
    case 'unmeasured':
      return 'LMI scales asynchronously and keeps room for traffic to double within 5 minutes; faster growth is throttled (HTTP 429). A steady what-if rate says nothing about your bursts: check with --function or --traffic csv:FILE.';
    case 'bursts':
      return (
        `In about ${formatCount(Math.round(seen.minutesPerMonth))} minutes a month your traffic more than doubles within 5 minutes beyond LMI's minimum capacity. ` +
        'LMI scales asynchronously and throttles (HTTP 429) growth faster than that: raise the minimum execution environments (PutFunctionScalingConfig) to cover such bursts.'
      );
    case 'steady':
      return `LMI throttles (HTTP 429) traffic that more than doubles within 5 minutes beyond its minimum capacity; yours did not in the ${formatCount(seen.minutesRead)} minutes read.`;
  }
}

function runtimeText(support: Extract<Risk, { kind: 'runtime-version' }>['support']): string {
  if (support === null) return 'LMI needs Node.js 22+, Python 3.13+, Java 21+, .NET 8+ or provided.al2023: give --runtime to check yours.';
  const minimum = `${support.minimum}${support.family === 'provided' ? '' : '+'}`;
  if (support.supported === false) return `${support.runtime} is below LMI's minimum (${minimum}): upgrade the runtime before moving.`;
  if (support.supported === true) return `${support.runtime} meets LMI's minimum runtime version (${minimum}).`;
  // A bench runtime name (java, node…): the language is known, its version is not.
  if (support.family !== 'other' && support.minimum !== null) return `LMI needs ${minimum}: check that your ${support.runtime} version is.`;
  return `LMI supports Node.js 22+, Python 3.13+, Java 21+, .NET 8+ and provided.al2023; check that ${support.runtime} is one of them.`;
}

function concurrencyText(risk: Extract<Risk, { kind: 'concurrent-invocations' }>): string {
  const why =
    `On LMI one execution environment serves up to ${risk.maxConcurrency} invocations at once (Node.js: requests on a worker thread share module state; ` +
    'Python: one process per request, all sharing /tmp; Java and .NET: threads sharing the handler object and every static field), so state kept between requests can leak from one to another.';
  const { safety } = risk;
  switch (safety.state) {
    case 'found': {
      const { check } = safety;
      const line = safetyCheckLine(check);
      const cited = `${line[0]?.toUpperCase() ?? ''}${line.slice(1)} (${check.path}).`;
      if (check.errors > 0) return `${why} ${cited} Fix the errors before moving.`;
      if (check.warnings > 0) return `${why} ${cited} Review the warnings.`;
      return `${why} ${cited}`;
    }
    case 'missing':
      return `${why} ${safety.workload} is not checked with \`lmi-bench safety\` yet (nothing in ${safety.lookedIn}): run ${safety.command}`;
    case 'unknown':
      return `${why} Check your handler with: lmi-bench safety --workload ./your-handler`;
  }
}

/** How the month was priced, one sentence each. */
export function assumptionTexts(advice: Advice): string[] {
  const { function: fn, lambda, lmi } = advice;
  const { settings } = lmi;
  const out = [
    `A month is ${hoursPerMonth} hours; the traffic profile repeats to fill it, and LMI capacity follows it minute by minute with the service's scaling lag.`,
    `Lambda bills the mean duration (${formatMs(fn.meanDurationMs)} ms) rounded up to 1 ms at ${fn.memoryMb} MB, ${fn.architecture}, free tier ${lambda.freeTier ? 'applied' : 'not applied'}` +
      `${lambda.discount > 0 ? `, ${formatPct(lambda.discount)} Compute Savings Plans discount on duration` : ''}.`,
    `LMI runs the function at ${settings.memoryMb} MB${fn.memoryMb < settings.memoryMb ? ` (its smallest size is 2,048 MB; the function has ${fn.memoryMb} MB)` : ''}, ` +
      `${settings.gibPerVcpu} GiB per vCPU, up to ${settings.maxConcurrency} concurrent invocations per environment, at least ${settings.minEnvironments} environments.`,
    'An LMI request is assumed to take as long as on standard Lambda (conservative: LMI gives at least as much CPU).',
    `LMI's commitment discount (${formatPct(lmi.discount)}) applies to the EC2 part only; the 15% management fee is on the on-demand price.`,
    ...sizingAssumptions({
      cpuSecondsPerRequest: fn.cpuMsPerRequest === null ? null : fn.cpuMsPerRequest / 1000,
      minEnvironments: settings.minEnvironments,
      functionsPerProvider: lmi.functionsPerProvider,
      candidateTypes: lmi.candidates,
    }),
  ];
  if (lmi.cpuMsAssumed) {
    out.push(
      `CPU time per request was not given: the headline assumes all of it is CPU (${formatMs(lmi.allCpuMsPerRequest)} ms: the duration at the ${formatPct(lambdaVcpuShare(fn.memoryMb))} of a vCPU Lambda gives ${fn.memoryMb} MB), the most LMI could need.`,
    );
  }
  return out;
}

function concurrencyReason(reason: SettingReason, maxConcurrency: number): string {
  switch (reason.kind) {
    case 'given':
      return `Max ${maxConcurrency} requests at once per environment: as given.`;
    case 'deployed':
      return `Max ${maxConcurrency} requests at once per environment: the function's own setting.`;
    case 'runtime-default':
      return `Max ${maxConcurrency} requests at once per environment: the runtime's default of ${reason.perVcpu} per vCPU × ${reason.vcpus} vCPU${reason.vcpus === 1 ? '' : 's'}${reason.perVcpu * reason.vcpus > maxConcurrency ? ' (LMI allows up to 1,600)' : ''}.`;
    case 'cpu-cap':
      return (
        `Max ${maxConcurrency} requests at once per environment, not the runtime's default of ${reason.perVcpu * reason.vcpus}: each request spends about ${formatPct(reason.cpuShare)} of its time on CPU, ` +
        `so ${maxConcurrency} keep${maxConcurrency === 1 ? 's' : ''} ${reason.vcpus} vCPU${reason.vcpus === 1 ? '' : 's'} busy; more would queue for the CPU and add latency.`
      );
    case 'documented-default':
    case 'cheapest-ratio':
      return `Max ${maxConcurrency} requests at once per environment.`;
  }
}

function ratioReason(reason: SettingReason, gibPerVcpu: number): string {
  switch (reason.kind) {
    case 'cheapest-ratio':
      return `${gibPerVcpu} GiB per vCPU: the cheapest month of LMI's ratios at this CPU time (${reason.tried.map((t) => `${t.gibPerVcpu} GiB: ${formatUsd(t.usdPerMonth)}`).join(', ')}).`;
    case 'documented-default':
      return `${gibPerVcpu} GiB per vCPU: LMI's default; with CPU time per request known advise would price 2, 4 and 8 and take the cheapest.`;
    case 'given':
      return `${gibPerVcpu} GiB per vCPU: as given.`;
    default:
      return `${gibPerVcpu} GiB per vCPU: the function's own setting.`;
  }
}

/** The settings advise proposes, each with its reason, and the latency it expects on LMI (or why it cannot say). */
export function settingsTexts(advice: Advice): string[] {
  const { settings } = advice.lmi;
  const latency = advice.latencyOnLmi;
  const expected =
    latency.state === 'expected'
      ? `Expected on LMI at these settings: mean about ${formatMs(latency.meanMs)} ms${latency.p50Ms === null ? '' : `, p50 about ${formatMs(latency.p50Ms)} ms`}${latency.p99Ms === null ? '' : `, p99 about ${formatMs(latency.p99Ms)} ms`} ` +
        `(the off-CPU time as on standard Lambda, the CPU time at a full vCPU instead of ${formatPct(lambdaVcpuShare(advice.function.memoryMb))} of one; no queueing for the CPU below the maximum concurrency).`
      : latency.why === 'cpu-unknown'
        ? `Latency on LMI cannot be predicted without CPU time per request: it lies between the duration on standard Lambda (all-waiting) and less (a full vCPU for the CPU part); ${narrowCpuText}.`
        : 'Latency on LMI cannot be predicted: no invocations were read.';
  return [concurrencyReason(advice.settingsWhy.maxConcurrency, settings.maxConcurrency), ratioReason(advice.settingsWhy.gibPerVcpu, settings.gibPerVcpu), expected];
}
