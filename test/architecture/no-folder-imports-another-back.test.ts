// The folders of runner/ (each stage: cli, plan, target, …), reports/ and infra/ form a
// layering: no two of them import each other, directly. The test reads every source file's
// relative imports (static, re-exports and dynamic import()) and fails naming each pair of
// folders that import each other, with one file of each direction to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tops = ['runner', 'reports', 'infra'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The folder a file belongs to: runner/<stage> for a stage, `runner` for runner/*.ts, else the top folder. */
function folderOf(path: string): string | null {
  const parts = relative(root, path).split(sep);
  const top = parts[0] ?? '';
  if (!tops.includes(top)) return null;
  return top === 'runner' && parts.length > 2 ? `runner/${parts[1]}` : top;
}

const importPattern = /(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** folder → folder it imports → one file that does. */
function folderImports(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const top of tops) {
    for (const file of sourceFiles(join(root, top))) {
      const from = folderOf(file);
      if (from === null) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (spec === undefined) continue;
        const to = folderOf(resolve(dirname(file), spec));
        if (to === null || to === from) continue;
        const targets = edges.get(from) ?? new Map<string, string>();
        if (!targets.has(to)) targets.set(to, relative(root, file));
        edges.set(from, targets);
      }
    }
  }
  return edges;
}

test('the import walk sees the layering it checks (it would see a pair if there were one)', () => {
  const edges = folderImports();
  // Known one-way imports: if the walk stopped finding imports, the real check would pass vacuously.
  assert.ok(edges.get('runner/cli')?.has('runner/plan'), 'runner/cli imports runner/plan');
  assert.ok(edges.get('reports')?.has('runner/run'), 'reports imports runner/run');
  assert.ok(edges.get('runner/target')?.has('infra'), 'runner/target imports infra');
  assert.ok(edges.get('runner/cli')?.has('runner/cost'), 'dynamic import() is seen: runner/cli loads runner/cost');
});

test('no two folders of runner/, reports/ and infra/ import each other', () => {
  const edges = folderImports();
  const pairs: string[] = [];
  for (const [a, targets] of edges) {
    for (const [b, file] of targets) {
      const back = edges.get(b)?.get(a);
      if (a < b && back !== undefined) pairs.push(`${a} <-> ${b} (${file} imports ${b}; ${back} imports ${a})`);
    }
  }
  assert.deepEqual(pairs, []);
});
