/** The cost curves with their crossovers, the monthly projection, and the LMI settings sweep. */
import type { RunFile } from '../../runner/run/run-file.ts';
import { formatRps } from '../format.ts';
import { lmiVariants, measuredLevels, modeName, variantLabel } from '../model.ts';
import { measuredRange } from '../verdict.ts';
import { baseConfig, modeColors, type ChartDef } from './chart.ts';
import type { VariantSettings } from '../../runner/domain.ts';

/** $/hour at a sustained rate, as $ per million requests. */
export function usdPerMillion(usdPerHour: number, requestsPerSecond: number): number {
  return (usdPerHour / (requestsPerSecond * 3600)) * 1e6;
}

/** One layer of a layered chart, as vega-lite types it. */
type ChartLayer = Extract<ChartDef['spec'], { layer: unknown }>['layer'][number];

const costX = { field: 'rps', type: 'quantitative', title: 'Sustained request rate (req/s, log)', scale: { type: 'log', nice: false }, axis: { tickCount: 8 } } as const;
const costY = { field: 'usdPerMillion', type: 'quantitative', title: '$ per million requests (log)', scale: { type: 'log' }, axis: { tickCount: 6 } } as const;
const modeColor = { field: 'series', type: 'nominal', title: 'Mode', scale: modeColors } as const;

export function costCurveChart(run: RunFile): ChartDef | null {
  const crossover = run.crossover;
  if (!crossover || crossover.curve.length === 0) return null;
  const range = measuredRange(run);
  return {
    id: 'chart-cost',
    title: 'Cost per million requests against sustained request rate',
    caption:
      'Model curves for both modes, sampled at the rates in the table below (LMI cost jumps where the capacity model adds an instance); diamonds are the levels as measured; vertical rules mark each crossover.' +
      (range ? ` The shaded band is the range of rates actually measured (${formatRps(range.minRps)} to ${formatRps(range.maxRps)} req/s); outside it the model extrapolates.` : ''),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 320,
      layer: [measuredRangeLayer(range), modelCurveLayer(crossover.curve), measuredLevelsLayer(run), crossingsLayer(crossover.requestsPerSecond)],
    },
  };
}

/** The rates actually measured, shaded behind the curves: outside it the curves are the model alone. */
function measuredRangeLayer(range: ReturnType<typeof measuredRange>): ChartLayer {
  return {
    name: 'measured_range',
    data: { values: range ? [{ fromRps: range.minRps, toRps: range.maxRps, label: 'measured' }] : [] },
    layer: [
      {
        mark: { type: 'rect', color: '#9aa5b5', opacity: 0.18 },
        encoding: {
          x: { field: 'fromRps', type: 'quantitative' },
          x2: { field: 'toRps' },
          tooltip: [
            { field: 'fromRps', title: 'Measured from (req/s)', format: ',.2f' },
            { field: 'toRps', title: 'Measured up to (req/s)', format: ',.2f' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4, dy: 12, color: '#6b7585' }, encoding: { x: { field: 'fromRps', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
    ],
  };
}

/** Both modes' model curves, each point as $ per million requests at its rate. */
function modelCurveLayer(points: NonNullable<RunFile['crossover']>['curve']): ChartLayer {
  const curve = points
    .filter((point) => point.requestsPerSecond > 0)
    .flatMap((point) => [
      { series: 'Lambda', rps: point.requestsPerSecond, usdPerHour: point.lambdaUsdPerHour, usdPerMillion: usdPerMillion(point.lambdaUsdPerHour, point.requestsPerSecond), instances: null, instanceType: null },
      { series: 'LMI', rps: point.requestsPerSecond, usdPerHour: point.lmiUsdPerHour, usdPerMillion: usdPerMillion(point.lmiUsdPerHour, point.requestsPerSecond), instances: point.lmiInstances, instanceType: point.lmiInstanceType ?? null },
    ]);
  return {
    data: { values: curve },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: costX, y: costY, color: modeColor,
      tooltip: [
        { field: 'series', title: 'Mode' },
        { field: 'rps', title: 'Request rate (req/s)', format: ',.3~f' },
        { field: 'usdPerMillion', title: '$ per million requests', format: '$,.4~f' },
        { field: 'usdPerHour', title: '$ per hour', format: '$,.6~f' },
        { field: 'instances', title: 'LMI instances' },
        { field: 'instanceType', title: 'LMI instance type' },
      ],
    },
  };
}

/** The levels as measured (diamonds), each at its throughput and its own cost. */
function measuredLevelsLayer(run: RunFile): ChartLayer {
  const measured = measuredLevels(run)
    .filter((level) => level.cost && level.throughputRps > 0)
    .map((level) => ({ series: modeName(level.mode), variant: variantLabel(level), concurrency: level.concurrency, rps: level.throughputRps, usdPerMillion: level.cost?.usdPerMillionRequests ?? 0 }));
  return {
    data: { values: measured },
    mark: { type: 'point', filled: true, size: 70, stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: costX, y: costY, color: modeColor,
      shape: { value: 'diamond' },
      tooltip: [
        { field: 'variant', title: 'Measured variant' },
        { field: 'concurrency', title: 'Concurrency' },
        { field: 'rps', title: 'Throughput (req/s)', format: ',.2f' },
        { field: 'usdPerMillion', title: '$ per million requests', format: '$,.4~f' },
      ],
    },
  };
}

/** A rule at each crossover; many (LMI instance steps) would stack their labels, so then only the outermost are labelled. */
function crossingsLayer(rates: number[]): ChartLayer {
  const crossings = rates.map((rps, index) => ({
    rps,
    label: rates.length <= 6 || index === 0 || index === rates.length - 1 ? `${formatRps(rps)} req/s` : '',
  }));
  return {
    data: { values: crossings },
    layer: [
      { mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5, color: '#d45087' }, encoding: { x: { field: 'rps', type: 'quantitative' }, tooltip: [{ field: 'rps', title: 'Crossover (req/s)', format: ',.6~f' }] } },
      { mark: { type: 'text', align: 'left', dx: 4, dy: -6, fontWeight: 'bold', color: '#d45087' }, encoding: { x: { field: 'rps', type: 'quantitative' }, y: { value: 10 }, text: { field: 'label' } } },
    ],
  };
}

export function monthlyChart(run: RunFile): ChartDef | null {
  const profile = run.crossover?.profile;
  if (!profile) return null;
  const values = [
    { mode: 'Lambda', usdPerMonth: profile.lambdaUsdPerMonth, requestsPerMonth: profile.requestsPerMonth },
    { mode: 'LMI', usdPerMonth: profile.lmiUsdPerMonth, requestsPerMonth: profile.requestsPerMonth },
  ];
  return {
    id: 'chart-monthly',
    title: `Monthly cost under the traffic profile (${profile.name})`,
    caption: 'The traffic profile projected over a month on each mode, with the cost model of this run.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 120,
      data: { values },
      encoding: {
        y: { field: 'mode', type: 'nominal', title: null, sort: ['Lambda', 'LMI'] },
        x: { field: 'usdPerMonth', type: 'quantitative', title: '$ per month', axis: { format: '$,.2~f' } },
        color: { field: 'mode', type: 'nominal', scale: modeColors, legend: null },
        tooltip: [
          { field: 'mode', title: 'Mode' },
          { field: 'usdPerMonth', title: '$ per month', format: '$,.2f' },
          { field: 'requestsPerMonth', title: 'Requests per month', format: ',' },
        ],
      },
      layer: [{ mark: { type: 'bar' } }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'usdPerMonth', format: '$,.2f' }, color: { value: '#888' } } }],
    },
  };
}

/** When more than one LMI settings combination was measured: p99 and cost per combination. */
export function settingsSweepChart(run: RunFile): ChartDef | null {
  if (lmiVariants(run).length < 2) return null;
  const values = measuredLevels(run)
    .filter((level) => level.mode === 'lmi')
    .map((level) => ({
      combination: sweepLabel(level.settings),
      maxConcurrency: level.settings.maxConcurrency ?? null,
      gibPerVcpu: level.settings.gibPerVcpu ?? null,
      concurrency: level.concurrency,
      p99Ms: level.latencyMs.p99,
      usdPerMillion: level.cost?.usdPerMillionRequests ?? null,
    }));
  const withCost = values.some((row) => row.usdPerMillion !== null);
  // Numeric order of the settings, not the alphabetical order of their labels ("16/env" < "4/env").
  const combinations = [...new Set(values.map((row) => row.combination))];
  const panel = (field: 'p99Ms' | 'usdPerMillion', title: string) => ({
    width: 300,
    height: 220,
    mark: { type: 'bar' as const },
    transform: [{ filter: `datum.${field} != null` }],
    encoding: {
      x: { field: 'combination', type: 'nominal' as const, title: 'LMI settings', sort: combinations, axis: { labelAngle: -30, labelLimit: 180 } },
      xOffset: { field: 'concurrency', type: 'ordinal' as const },
      y: { field, type: 'quantitative' as const, title },
      color: { field: 'concurrency', type: 'ordinal' as const, title: 'Concurrency', scale: { scheme: 'viridis' } },
      tooltip: [
        { field: 'combination', title: 'LMI settings' },
        { field: 'concurrency', title: 'Concurrency' },
        { field: 'p99Ms', title: 'p99 (ms)', format: ',.3f' },
        { field: 'usdPerMillion', title: '$ per million requests', format: '$,.4~f' },
      ],
    },
  });
  return {
    id: 'chart-settings',
    title: 'LMI settings sweep: p99 and cost per combination',
    caption: 'Each LMI settings combination at each measured concurrency. Lower is better on both panels.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      data: { values },
      hconcat: withCost ? [panel('p99Ms', 'p99 latency (ms)'), panel('usdPerMillion', '$ per million requests')] : [panel('p99Ms', 'p99 latency (ms)')],
    },
  };
}

/** The swept settings only: memory is the same for every LMI variant of a run. */
function sweepLabel(settings: VariantSettings): string {
  return `${settings.maxConcurrency ?? '?'}/env, ${settings.gibPerVcpu ?? '?'} GiB/vCPU`;
}
