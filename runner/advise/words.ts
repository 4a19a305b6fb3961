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
import type { Advice, Risk } from './model.ts';
import { lambdaVcpuShare } from '../capacity/lambda-cpu-share.ts';

function perMonth(rps: number): string {
  return `${formatCount(Math.round(requestsPerMonthAt(rps)))} requests a month`;
}

/** "LMI is cheaper above X–Y req/s, depending on the instance type Lambda picks (…)", as the bench's reports say it. */
export function breakEvenRangeText(range: NonNullable<Advice['breakEvenRange']>): string {
  return verdictParts(breakEvenRangeParts(range));
}

function breakEvenClause(advice: Advice): string {
  const rps = advice.breakEvenRequestsPerSecond;
  if (rps === null) return ' LMI is not cheaper at any sustained rate up to 100,000 req/s.';
  if (rps === 0) return ' LMI is cheaper at every sustained rate.';
  if (advice.breakEvenRange) return ` ${breakEvenRangeText(advice.breakEvenRange)}; your traffic averages ${formatRps(advice.traffic.meanRps)} req/s.`;
  return ` LMI is cheaper above ${formatRps(rps)} req/s (${perMonth(rps)}); your traffic averages ${formatRps(advice.traffic.meanRps)} req/s.`;
}

/** The headline: move, stay, either, or what it depends on, with the month on each. */
export function verdictText(advice: Advice): string {
  const { lambda, lmi } = advice;
  const lmiCost = `LMI would cost ${formatUsd(lmi.usdPerMonth)} a month (${formatCount(lmi.instances)} × ${lmi.instanceType} at the busiest minute) against ${formatUsd(lambda.usdPerMonth)} on standard Lambda`;
  const even = breakEvenClause(advice);
  const share = advice.savingShare === null ? '' : ` (${formatPct(Math.abs(advice.savingShare))})`;
  switch (advice.decision) {
    case 'no-traffic':
      return `No traffic: standard Lambda costs nothing while idle; LMI would cost ${formatUsd(lmi.floor.usdPerMonth)} a month for its 3-instance floor. Stay on standard Lambda.`;
    case 'lmi':
      return `Move to LMI: it saves ${formatUsd(advice.savingUsdPerMonth)} a month${share}. ${lmiCost}.${even}`;
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
        ` Standard Lambda costs ${formatUsd(lambda.usdPerMonth)} a month.`
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

/** The ranking's one-word verdict. */
export const decisionWords: Record<Advice['decision'], string> = {
  lmi: 'move to LMI',
  lambda: 'stay',
  equal: 'either',
  'depends-on-cpu': 'depends on CPU',
  'no-traffic': 'no traffic',
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
