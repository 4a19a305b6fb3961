/** JSON values as flat leaves: what the cross-talk and differential oracles compare. */

export type Leaf = string | number | boolean | null;

/** Every leaf of a JSON value with its path (`customer.id`, `lines[0].sku`); {} and [] are leaves too. */
export function leaves(value: unknown, path = ''): Map<string, Leaf | '{}' | '[]'> {
  const out = new Map<string, Leaf | '{}' | '[]'>();
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) out.set(p, '[]');
      v.forEach((item, i) => walk(item, `${p}[${i}]`));
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) out.set(p, '{}');
      for (const [key, item] of entries) walk(item, p === '' ? key : `${p}.${key}`);
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) {
      out.set(p, v);
    }
  };
  walk(value, path);
  return out;
}

/** The body as JSON when it is JSON, else undefined. */
export function parseBody(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A response as leaves: `status`, then the body's leaves under `body` (or the raw text). */
export function responseLeaves(status: number, body: string): Map<string, Leaf | '{}' | '[]'> {
  const parsed = parseBody(body);
  const out = new Map<string, Leaf | '{}' | '[]'>([['status', status]]);
  if (parsed === undefined) {
    out.set('body', body);
    return out;
  }
  for (const [path, leaf] of leaves(parsed, 'body')) out.set(path, leaf);
  return out;
}
