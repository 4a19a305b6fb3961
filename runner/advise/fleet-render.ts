/**
 * The fleet proposal (fleet.ts) in words: on the terminal, and as a section of the advise page.
 * Pure: every sentence is made from the model's figures here.
 */
import { formatCount, formatPct, formatUsd } from '../../reports/format.ts';
import { htmlPage } from '../../reports/html.ts';
import { htmlTable } from '../../reports/tables.ts';
import { escapeHtml } from '../system/escape.ts';
import type { FleetAdvice, FleetMember, ProviderPlan, StayingFunction, StayReason } from './fleet.ts';

function instancesText(count: number): string {
  return Number.isInteger(count) ? formatCount(count) : count.toFixed(2);
}

/** The headline: the whole fleet on standard Lambda against the proposal. */
export function fleetHeadline(fleet: FleetAdvice): string {
  const count = fleet.providers.reduce((total, p) => total + p.members.length, 0) + fleet.staying.length;
  const saving =
    fleet.providers.length === 0
      ? 'no capacity provider saves money: every function stays on standard Lambda'
      : fleet.savingUsdPerMonth > 0
        ? `the proposed fleet costs ${formatUsd(fleet.fleetUsdPerMonth)} a month, ${formatUsd(fleet.savingUsdPerMonth)} less (${formatPct(fleet.savingUsdPerMonth / Math.max(fleet.lambdaUsdPerMonth, Number.MIN_VALUE))})`
        : `the proposed fleet costs ${formatUsd(fleet.fleetUsdPerMonth)} a month`;
  return `${count} functions cost ${formatUsd(fleet.lambdaUsdPerMonth)} a month on standard Lambda; ${saving}.`;
}

export function providerTitle(provider: ProviderPlan, index: number): string {
  return `Capacity provider ${index + 1}: ${provider.architecture}, ${provider.gibPerVcpu} GiB per vCPU, ${formatCount(provider.instances)} × ${provider.instanceType}`;
}

export function providerSentence(provider: ProviderPlan): string {
  const fill = provider.instancesNeeded <= provider.floorInstances
    ? `The ${provider.floorInstances}-instance floor, of which the members' environments fill ${instancesText(provider.instancesNeeded)}`
    : `The members' environments fill ${instancesText(provider.instancesNeeded)} instances`;
  return `${fill}: ${formatUsd(provider.usdPerMonth)} a month against ${formatUsd(provider.lambdaUsdPerMonth)} for the same ${provider.members.length} functions on standard Lambda.`;
}

export function memberNote(member: FleetMember): string {
  const alone = `alone on LMI ${formatUsd(member.aloneLmiUsdPerMonth)}`;
  return member.onlyWhenShared ? `cheaper on LMI only when sharing the floor (${alone})` : `cheaper on LMI alone too (${alone})`;
}

/** Why a function stays on standard Lambda, in one sentence. */
export function stayText(staying: StayingFunction, reason: StayReason = staying.reason): string {
  switch (reason.kind) {
    case 'no-traffic':
      return 'No traffic: standard Lambda costs nothing while idle, and a share of an LMI floor is never free.';
    case 'runtime':
      return `${reason.runtime} is below LMI's minimum${reason.minimum ? ` (${reason.minimum})` : ''}: upgrade the runtime before moving.`;
    case 'does-not-fit':
      return `An environment of ${reason.environmentGiB} GiB fits on none of the candidate instance types (${reason.instanceTypes.join(', ')}).`;
    case 'costs-more': {
      const alone = `Alone on LMI it would cost ${formatUsd(reason.aloneLmiUsdPerMonth)} a month (the whole 3-instance floor) against ${formatUsd(staying.lambdaUsdPerMonth)} on standard Lambda`;
      if (reason.addedToProviderUsdPerMonth === null) return `${alone}, and no other function of its architecture and memory/vCPU ratio saves money on a shared provider with it.`;
      return `${alone}; on the provider with the ${reason.partners} other function${reason.partners === 1 ? '' : 's'} it would add ${formatUsd(reason.addedToProviderUsdPerMonth)} a month.`;
    }
  }
}

export function fleetAssumptions(fleet: FleetAdvice): string[] {
  const out = [
    'Each function runs at its mean rate all month (a what-if row, or the mean of the history read); bursts are not priced here: advise one function with --function for its traffic shape.',
    'A capacity provider holds one architecture and functions of one memory/vCPU ratio; their environments share its instances, so a function is charged the instances its environments fill, and the floor left unused is split evenly between the members.',
    'LMI keeps at least 3 instances per capacity provider and 3 environments per function; the scaling target is AWS\'s automatic one (50% CPU and concurrency slots).',
    `Prices: ${fleet.prices.source} (${fleet.region}, as of ${fleet.prices.asOf}).`,
  ];
  if (fleet.cpuAssumed.length > 0) {
    out.push(`CPU time per request was not given for ${fleet.cpuAssumed.join(', ')}: priced as if the whole duration were CPU (the most instances LMI could need); give cpu_ms or cpu_share to narrow it.`);
  }
  return out;
}

function pad(rows: string[][], numeric: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows.map((r) => r.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function memberCells(member: FleetMember): string[] {
  return [member.name, formatUsd(member.lambdaUsdPerMonth), formatUsd(member.shareUsdPerMonth), instancesText(member.instancesNeeded), memberNote(member)];
}

const memberHeaders = ['function', 'Lambda $/mo', 'share $/mo', 'instances filled', 'why here'];

export function formatFleet(fleet: FleetAdvice): string {
  const out = [`fleet: ${fleetHeadline(fleet)}`];
  fleet.providers.forEach((provider, index) => {
    out.push('', `${providerTitle(provider, index)}`, `  ${providerSentence(provider)}`);
    out.push(...pad([memberHeaders, ...provider.members.map(memberCells)], new Set([1, 2, 3])).map((line) => `  ${line}`));
  });
  if (fleet.staying.length > 0) {
    out.push('', 'Stay on standard Lambda:');
    out.push(...pad(fleet.staying.map((s) => [s.name, `${formatUsd(s.lambdaUsdPerMonth)}/mo`, stayText(s)]), new Set([1])).map((line) => `  ${line}`));
  }
  out.push('', 'Assumptions:', ...fleetAssumptions(fleet).map((line) => `  - ${line}`));
  return out.join('\n');
}

/** The fleet as a section of an advise page (also under the --all-functions ranking). */
export function fleetSectionHtml(fleet: FleetAdvice): string {
  const providers = fleet.providers.map((provider, index) => [
    `<h3>${escapeHtml(providerTitle(provider, index))}</h3>`,
    `<p class="basis">${escapeHtml(providerSentence(provider))}</p>`,
    htmlTable(
      memberHeaders.map((header, i) => ({ header, ...(i >= 1 && i <= 3 ? { numeric: true } : {}), ...(i === 4 ? { wrap: true } : {}) })),
      provider.members.map(memberCells),
      { id: `fleet-provider-${index + 1}` },
    ),
  ].join('\n'));
  const staying = fleet.staying.length === 0 ? '' : [
    '<h3>Stay on standard Lambda</h3>',
    htmlTable([{ header: 'function' }, { header: 'Lambda $/month', numeric: true }, { header: 'why', wrap: true }], fleet.staying.map((s) => [s.name, formatUsd(s.lambdaUsdPerMonth), stayText(s)]), { id: 'fleet-staying' }),
  ].join('\n');
  return [
    '<section id="section-fleet">',
    '<h2>Capacity providers for the fleet</h2>',
    `<p class="verdict" id="fleet-verdict">${escapeHtml(fleetHeadline(fleet))}</p>`,
    ...providers,
    staying,
    `<ul class="assumptions">${fleetAssumptions(fleet).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

export function fleetHtml(fleet: FleetAdvice): string {
  return htmlPage({
    title: 'lmi-bench advise: fleet',
    pageId: 'advise-fleet',
    main: `<header><h1>Which functions should share a capacity provider?</h1></header>
${fleetSectionHtml(fleet)}
<p><a id="download-run" download="fleet.json" href="#">Download the figures as JSON</a> (embedded in this page).</p>
<footer>Generated by lmi-bench advise. Nothing is fetched from the network.</footer>`,
    charts: [],
    data: fleet,
  });
}
