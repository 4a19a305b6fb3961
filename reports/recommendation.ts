/**
 * run.recommendation is written by a later analysis step whose exact shape may grow
 * (`{ variantId, settings, reason, sloP99Ms }` today). The report shows whatever scalar
 * facts it holds and never fails on a shape it does not know.
 */
import type { RunFile } from '../runner/run/run-file.ts';

export interface RecommendationView {
  headline: string;
  facts: Array<[string, string]>;
}

const known: Record<string, string> = {
  variantId: 'Variant',
  settings: 'Settings',
  reason: 'Why',
  sloP99Ms: 'p99 objective (ms)',
};

export function describeRecommendation(run: RunFile): RecommendationView | null {
  const value = (run as unknown as Record<string, unknown>)['recommendation'];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return { headline: scalarText(value), facts: [] };
  const record = value as Record<string, unknown>;
  const facts: Array<[string, string]> = [];
  for (const [key, field] of Object.entries(record)) {
    const text = fieldText(field);
    if (text !== null) facts.push([known[key] ?? key, text]);
  }
  const variant = typeof record['variantId'] === 'string' ? record['variantId'] : null;
  const reason = typeof record['reason'] === 'string' ? record['reason'] : null;
  const headline = variant ? `Use ${variant}${reason ? `: ${reason}` : ''}${crossoverNote(run, variant)}` : (reason ?? 'See the details below.');
  // Without a variant the reason is the headline; repeating it below adds nothing.
  return { headline, facts: variant ? facts : facts.filter(([label]) => label !== known['reason']) };
}

/**
 * The break-even in the verdict is priced from one LMI level (the one that served the most
 * requests cleanly); when that level is not of the recommended settings, say so and why, so the
 * two figures are not read as one.
 */
function crossoverNote(run: RunFile, variant: string): string {
  const basis = run.crossover?.basis;
  if (!basis || basis.lmiVariantId === variant) return '';
  return ` (the break-even above is priced from ${basis.lmiVariantId}, the LMI level that served the most requests with at most 1% throttled or failed, the largest sample of LMI's cost per request; ${variant} is the cheapest per request over the levels measured)`;
}

function fieldText(field: unknown): string | null {
  if (field === null || field === undefined) return null;
  if (typeof field === 'object') {
    if (Array.isArray(field)) return field.map(scalarText).join('; ');
    const entries = Object.entries(field as Record<string, unknown>).filter(([, v]) => v !== null && typeof v !== 'object');
    return entries.length > 0 ? entries.map(([k, v]) => `${k} ${scalarText(v)}`).join(', ') : JSON.stringify(field);
  }
  return scalarText(field);
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
