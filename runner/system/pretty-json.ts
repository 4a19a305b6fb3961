/**
 * Pretty JSON for people and scripts: binary float noise trimmed (160.35999999999999 → 160.36)
 * at 12 significant digits, which no price or rate needs more than.
 */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(12)) : v), 2) + '\n';
}
