/**
 * A chart of the report: a vega-lite spec with its data inlined (the page renders it offline
 * with the inlined vega bundles), plus the section it belongs to.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ChartDef {
  /** DOM id of the chart container; stable, tests count marks per container. */
  id: string;
  title: string;
  /** One or two sentences on how to read the chart. */
  caption: string;
  spec: TopLevelSpec;
}

/** Shared look: transparent background (the page sets light or dark), tooltips on. */
export const baseConfig = {
  background: 'transparent',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridOpacity: 0.6 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  header: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** Series colours chosen to stay distinct on both a white and a near-black background. */
export const modeColors = { domain: ['Lambda', 'LMI'], range: ['#e45756', '#4c78a8'] };

const lmiPalette = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];

/**
 * Variants in display order (standard Lambda first) with standard Lambda always in the same
 * red as in the cost charts, so a colour means the same mode everywhere on the page.
 */
export function variantScale(labels: Array<{ label: string; mode: 'lambda' | 'lmi' }>): { domain: string[]; range: string[] } {
  const domain: string[] = [];
  const range: string[] = [];
  let lmiIndex = 0;
  for (const { label, mode } of labels) {
    if (domain.includes(label)) continue;
    domain.push(label);
    range.push(mode === 'lambda' ? (modeColors.range[0] ?? '#e45756') : (lmiPalette[lmiIndex++ % lmiPalette.length] ?? '#4c78a8'));
  }
  return { domain, range };
}
