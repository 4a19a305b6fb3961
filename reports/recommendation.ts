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
  const headline = variant ? `Use ${variant}${reason ? `: ${reason}` : ''}` : (reason ?? 'See the details below.');
  // Without a variant the reason is the headline; repeating it below adds nothing.
  return { headline, facts: variant ? facts : facts.filter(([label]) => label !== known['reason']) };
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
