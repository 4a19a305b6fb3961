/**
 * Standard Lambda's mean duration per level: as measured on this machine and as modelled for
 * AWS (runner/cost/duration-model.ts), side by side. The modelled one is what Lambda is priced at.
 */
import type { MeasuredLevel, RunFile } from '../../runner/run/run-file.ts';
import { hasRateLevels, levelLoad, measuredLevels, variantLabel } from '../model.ts';
import { baseConfig, type ChartDef } from './chart.ts';

const series = { domain: ['Measured here', 'Modelled for AWS'], range: ['#bab0ac', '#e45756'] };

export function modelledLevels(run: RunFile): Array<MeasuredLevel & { durationModel: NonNullable<MeasuredLevel['durationModel']> }> {
  return measuredLevels(run).filter((l): l is MeasuredLevel & { durationModel: NonNullable<MeasuredLevel['durationModel']> } => l.mode === 'lambda' && l.durationModel !== undefined);
}

export function durationChart(run: RunFile): ChartDef | null {
  const levels = modelledLevels(run).filter((l) => l.durationModel.source === 'local-model');
  if (levels.length === 0) return null;
  // Open-loop runs (--rates): a level is its arrival rate; its `concurrency` is only the connection cap.
  const loadTitle = hasRateLevels(run) ? 'Arrival rate (req/s, open loop)' : 'Concurrency (connections)';
  const values = levels.flatMap((level) => {
    const m = level.durationModel;
    const common = { variant: variantLabel(level), concurrency: String(levelLoad(level)), concurrencyNumber: levelLoad(level), cpuMs: m.cpuMeanMs, runQueueMs: m.runQueueMeanMs, offCpuMs: m.offCpuMeanMs, memoryMb: m.memoryMb };
    return [
      { ...common, series: 'Measured here', durationMs: m.measuredMeanMs },
      { ...common, series: 'Modelled for AWS', durationMs: m.modelledMeanMs },
    ];
  });
  return {
    id: 'chart-duration',
    title: 'Standard Lambda duration: measured here and modelled for AWS',
    caption:
      'Mean handler duration per level. Modelled = off-CPU wait + CPU time ÷ the memory’s vCPU share (1,769 MB = 1 vCPU, at most 1); the time spent waiting for this machine’s cores is left out. Lambda cost uses the modelled duration.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: baseConfig,
      data: { values },
      facet: { column: { field: 'variant', type: 'nominal', title: null } },
      spec: {
        width: 420,
        height: 240,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'concurrency', type: 'ordinal', title: loadTitle, sort: { field: 'concurrencyNumber' }, axis: { labelAngle: 0 } },
          xOffset: { field: 'series', type: 'nominal', sort: series.domain },
          y: { field: 'durationMs', type: 'quantitative', title: 'Mean duration (ms)', scale: { zero: true } },
          color: { field: 'series', type: 'nominal', title: null, scale: series, sort: series.domain },
          tooltip: [
            { field: 'series', title: 'Duration' },
            { field: 'concurrency', title: hasRateLevels(run) ? 'Rate (req/s)' : 'Concurrency' },
            { field: 'durationMs', title: 'Mean (ms)', format: ',.2f' },
            { field: 'cpuMs', title: 'CPU (ms)', format: ',.2f' },
            { field: 'runQueueMs', title: 'Waiting for a core (ms)', format: ',.2f' },
            { field: 'offCpuMs', title: 'Off-CPU wait (ms)', format: ',.2f' },
            { field: 'memoryMb', title: 'Memory (MB)' },
          ],
        },
      },
    },
  };
}
