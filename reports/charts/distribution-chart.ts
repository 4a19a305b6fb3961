/**
 * The latency distribution of one level at a time: every level's bins are inlined and a
 * select bound to a vega-lite parameter picks which one is drawn, so the page needs no
 * server and no re-render from outside.
 */
import type { MeasuredLevel } from '../../runner/run/run-file.ts';
import type { DecodedDistribution } from '../distribution.ts';
import { levelKey } from '../model.ts';
import { baseConfig, type ChartDef } from './chart.ts';

export interface LevelDistribution {
  level: MeasuredLevel;
  distribution: DecodedDistribution;
}

/** The default level: the highest concurrency of the last variant (LMI when measured), where tails show. */
export function defaultDistributionKey(levels: LevelDistribution[]): string | null {
  const withData = levels.filter((entry) => entry.distribution.count > 0);
  const top = withData.reduce<LevelDistribution | null>((best, entry) => (!best || entry.level.concurrency >= best.level.concurrency ? entry : best), null);
  return top ? levelKey(top.level) : null;
}

export function distributionChart(levels: LevelDistribution[]): ChartDef | null {
  const selected = defaultDistributionKey(levels);
  if (selected === null) return null;
  const withData = levels.filter((entry) => entry.distribution.count > 0);
  const bins = withData.flatMap(({ level, distribution }) =>
    distribution.bins.map((bin) => ({ level: levelKey(level), fromMs: bin.fromMs, toMs: bin.toMs, count: bin.count, share: bin.count / distribution.count })),
  );
  const marks = withData.flatMap(({ level, distribution }) =>
    distribution.percentilesMs
      .filter((entry) => entry.percentile === 50 || entry.percentile === 99)
      .map((entry) => ({ level: levelKey(level), label: `p${entry.percentile}`, latencyMs: entry.latencyMs })),
  );
  const keys = withData.map((entry) => levelKey(entry.level));
  const x = { field: 'fromMs', type: 'quantitative', title: 'Latency (ms, log)', scale: { type: 'log', nice: false } } as const;
  return {
    id: 'chart-distribution',
    title: 'Latency distribution at one level',
    caption: 'Decoded from the level’s HDR histogram (microsecond resolution, all trials merged); choose the level below the chart. Dashed rules: p50 and p99.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      width: 'container',
      height: 260,
      params: [{ name: 'level', value: selected, bind: { input: 'select', options: keys, name: 'Level ' } }],
      layer: [
        {
          data: { values: bins },
          transform: [{ filter: 'datum.level === level' }],
          mark: { type: 'rect', color: '#4c78a8', stroke: '#2f5f98', strokeWidth: 0.5 },
          encoding: {
            x,
            x2: { field: 'toMs' },
            y: { field: 'count', type: 'quantitative', title: 'Requests', axis: { tickMinStep: 1, format: ',d' } },
            y2: { datum: 0 },
            tooltip: [
              { field: 'fromMs', title: 'From (ms)', format: ',.3f' },
              { field: 'toMs', title: 'To (ms)', format: ',.3f' },
              { field: 'count', title: 'Requests', format: ',' },
              { field: 'share', title: 'Share', format: '.2%' },
            ],
          },
        },
        {
          data: { values: marks },
          transform: [{ filter: 'datum.level === level' }],
          layer: [
            { mark: { type: 'rule', strokeDash: [4, 3], color: '#f58518', strokeWidth: 1.5 }, encoding: { x: { field: 'latencyMs', type: 'quantitative' }, tooltip: [{ field: 'label', title: 'Percentile' }, { field: 'latencyMs', title: 'Latency (ms)', format: ',.3f' }] } },
            { mark: { type: 'text', align: 'right', dx: -3, dy: -4, color: '#f58518' }, encoding: { x: { field: 'latencyMs', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
          ],
        },
      ],
    },
  };
}
