/** Latency, throughput and capacity per concurrency level, for every measured variant. */
import type { RunFile } from '../../runner/run/run-file.ts';
import { curveLevels, hasRateLevels, levelLoad, measuredLevels, variantLabel } from '../model.ts';
import { baseConfig, variantScale, type ChartDef } from './chart.ts';

const concurrencyAxis = { field: 'concurrency', type: 'ordinal', title: 'Concurrency (connections)', sort: 'ascending', axis: { labelAngle: 0 } } as const;
/** Open-loop runs (--rates): levels are arrival rates, on the same axis as the crossover. */
const rateAxis = { field: 'concurrency', type: 'ordinal', title: 'Arrival rate (req/s, open loop)', sort: 'ascending', axis: { labelAngle: 0 } } as const;

function loadAxis(run: RunFile): typeof concurrencyAxis | typeof rateAxis {
  return hasRateLevels(run) ? rateAxis : concurrencyAxis;
}

function variantColor(run: RunFile) {
  const scale = variantScale(measuredLevels(run).map((level) => ({ label: variantLabel(level), mode: level.mode })));
  return { field: 'variant', type: 'nominal', title: 'Variant', scale, sort: scale.domain } as const;
}

export function latencyChart(run: RunFile): ChartDef {
  // Saturated levels are left out: their latency is a queue's (the tables list them as saturated).
  const values = curveLevels(run).flatMap((level) =>
    (['p50', 'p95', 'p99'] as const).map((percentile) => ({
      variant: variantLabel(level),
      concurrency: levelLoad(level),
      percentile,
      latencyMs: level.latencyMs[percentile],
      requests: level.requests.ok,
    })),
  );
  return {
    id: 'chart-latency',
    title: 'Latency by concurrency',
    caption: 'p50, p95 and p99 of successful requests (throttled and failed requests are counted apart and kept out of these percentiles).',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      data: { values },
      facet: { column: { field: 'percentile', type: 'nominal', title: null, sort: ['p50', 'p95', 'p99'] } },
      spec: {
        width: 250,
        height: 220,
        layer: [{ mark: { type: 'line', point: true } }],
        encoding: {
          x: loadAxis(run),
          y: { field: 'latencyMs', type: 'quantitative', title: 'Latency (ms)', scale: { zero: true } },
          color: variantColor(run),
          tooltip: [
            { field: 'variant', title: 'Variant' },
            { field: 'concurrency', title: 'Concurrency' },
            { field: 'percentile', title: 'Percentile' },
            { field: 'latencyMs', title: 'Latency (ms)', format: ',.3f' },
            { field: 'requests', title: 'Successful requests', format: ',' },
          ],
        },
      },
    },
  };
}

export function throughputChart(run: RunFile): ChartDef {
  const values = curveLevels(run).map((level) => ({
    variant: variantLabel(level),
    concurrency: levelLoad(level),
    throughputRps: level.throughputRps,
    ok: level.requests.ok,
    throttled: level.requests.throttled,
    errors: level.requests.errors,
  }));
  return {
    id: 'chart-throughput',
    title: 'Throughput by concurrency',
    caption: 'Successful requests per second sustained in the closed loop, mean over the trials.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 260,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: loadAxis(run),
        y: { field: 'throughputRps', type: 'quantitative', title: 'Throughput (req/s)' },
        color: variantColor(run),
        tooltip: [
          { field: 'variant', title: 'Variant' },
          { field: 'concurrency', title: 'Concurrency' },
          { field: 'throughputRps', title: 'Throughput (req/s)', format: ',.2f' },
          { field: 'ok', title: 'OK', format: ',' },
          { field: 'throttled', title: 'Throttled (429)', format: ',' },
          { field: 'errors', title: 'Errors', format: ',' },
        ],
      },
    },
  };
}

/** Panels left out when every level shows zero, with how the caption names them. */
const omittable = ['Cold starts', 'Throttled requests (429)'] as const;
const omittedWords: Record<(typeof omittable)[number], string> = { 'Cold starts': 'cold starts', 'Throttled requests (429)': 'throttled requests' };

/** Environments, LMI instances, cold starts and throttles per level: one row per metric. */
export function capacityChart(run: RunFile): ChartDef {
  const values = measuredLevels(run).flatMap((level) => {
    const variant = variantLabel(level);
    // Fields the target could not measure hold 0 and are left out rather than drawn as zero.
    const unmeasured = new Set(level.unmeasured ?? []);
    const rows = [
      ...(unmeasured.has('environments') ? [] : [{ metric: 'Environments (max)', value: level.environments }]),
      ...(level.mode === 'lmi' && level.instances !== undefined ? [{ metric: 'LMI instances (max)', value: level.instances }] : []),
      ...(unmeasured.has('coldStarts') ? [] : [{ metric: 'Cold starts', value: level.coldStarts }]),
      { metric: 'Throttled requests (429)', value: level.requests.throttled },
    ];
    return rows.map((row) => ({ ...row, variant, concurrency: levelLoad(level) }));
  });
  // A panel of zeros is an empty axis: left out, and the caption says why.
  const empty = omittable.filter((metric) => values.every((row) => row.metric !== metric || row.value === 0));
  const shown = values.filter((row) => !(empty as readonly string[]).includes(row.metric));
  const why = empty.length === 0 ? '' : ` No ${empty.map((metric) => omittedWords[metric]).join(' and no ')} at any level, so ${empty.length === 1 ? 'that panel is' : 'those panels are'} left out.`;
  return {
    id: 'chart-capacity',
    title: 'Environments, instances, cold starts and throttles',
    caption: `Per level and variant. LMI starts its minimum environments before load, so it shows no cold starts on the request path.${why}`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      data: { values: shown },
      facet: {
        row: { field: 'metric', type: 'nominal', title: null, sort: ['Environments (max)', 'LMI instances (max)', 'Cold starts', 'Throttled requests (429)'], header: { labelAngle: 0, labelAlign: 'left', labelOrient: 'top', labelFontWeight: 'bold' } },
      },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 640,
        height: 110,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: loadAxis(run),
          xOffset: { field: 'variant', type: 'nominal', sort: variantColor(run).scale.domain },
          y: { field: 'value', type: 'quantitative', title: null, axis: { tickMinStep: 1 }, scale: { domain: { unionWith: [0, 1] } } },
          color: variantColor(run),
          tooltip: [
            { field: 'variant', title: 'Variant' },
            { field: 'concurrency', title: 'Concurrency' },
            { field: 'metric', title: 'Metric' },
            { field: 'value', title: 'Value', format: ',' },
          ],
        },
      },
    },
  };
}
