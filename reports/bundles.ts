/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules and made safe
 * to inline, so report.html renders its charts offline (from a CI artifact, a mail attachment).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scriptSafe } from '../runner/system/escape.ts';

export interface InlineScript {
  name: string;
  code: string;
  /** CSP source for this exact script text: the page allows its own scripts and nothing else. */
  cspHash: string;
}

/** Load order matters: vega-lite and vega-embed attach to the globals the earlier ones define. */
const bundleFiles = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const;

let cached: InlineScript[] | null = null;

export function inlineScript(name: string, code: string): InlineScript {
  const safe = scriptSafe(code);
  return { name, code: safe, cspHash: `'sha256-${createHash('sha256').update(safe, 'utf8').digest('base64')}'` };
}

/** Read once per process: bench renders one report per run, tests render many. */
export function vegaBundles(): InlineScript[] {
  cached ??= bundleFiles.map(({ name, file }) => {
    const path = join(packageDir(name), file);
    // The source-map comment would make devtools fetch a file that is not in the artifact.
    const code = readFileSync(path, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    return inlineScript(name, code);
  });
  return cached;
}

/** The package folder as Node's resolution would find it, walking up from this module. */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${name} package in node_modules (run npm ci)`);
    dir = parent;
  }
}
