/**
 * The import graph the architecture tests check: every relative import of the source files under
 * a root (static imports and re-exports, `import type` included, side-effect imports and dynamic
 * `import()`), resolved to files, and grouped by folder. Folders are the units the layering is
 * about: `runner/<stage>` for a stage (its subfolders belong to it), a file directly in `runner/`
 * is a unit of its own (`runner/domain.ts`), and `reports` and `infra` are one each.
 *
 * Kept apart from the tests so that a test can run it over a temporary copy with a loop made on
 * purpose (no-import-loop-between-folders.test.ts) and see that it is found.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The folders whose layering is checked. */
export const layeredTops = ['runner', 'reports', 'infra'] as const;

export interface FileImport {
  /** Paths relative to the root, with '/' separators. */
  from: string;
  to: string;
}

const importPattern =
  /(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveFile(path: string): string {
  if (existsSync(path) && statSync(path).isFile()) return path;
  const asTs = path.replace(/\.js$/, '.ts');
  if (existsSync(asTs)) return asTs;
  return path;
}

const slashed = (path: string): string => path.split(sep).join('/');

/** Every relative import of the source files under `root`'s `tops`, one entry per importing file and imported file. */
export function fileImports(root: string, tops: readonly string[]): FileImport[] {
  const found = new Map<string, FileImport>();
  for (const top of tops) {
    for (const file of sourceFiles(join(root, top))) {
      for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (spec === undefined) continue;
        const from = slashed(relative(root, file));
        const to = slashed(relative(root, resolveFile(resolve(dirname(file), spec))));
        if (from !== to) found.set(`${from}\0${to}`, { from, to });
      }
    }
  }
  return [...found.values()];
}

/** The folder unit of a path relative to the root; null outside the layered folders. */
export function folderOf(path: string): string | null {
  const parts = path.split('/');
  const top = parts[0] ?? '';
  if (!(layeredTops as readonly string[]).includes(top)) return null;
  if (top !== 'runner') return top;
  return parts.length > 2 ? `runner/${parts[1]}` : path;
}

/** folder → folder it imports → the files that make that import ("a.ts imports b.ts"). */
export type FolderGraph = Map<string, Map<string, string[]>>;

export function folderGraph(imports: readonly FileImport[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const { from, to } of imports) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === null || b === null || a === b) continue;
    const targets = graph.get(a) ?? new Map<string, string[]>();
    targets.set(b, [...(targets.get(b) ?? []), `${from} imports ${to}`]);
    graph.set(a, targets);
  }
  return graph;
}

/** Tarjan's strongly connected components of more than one folder: each is a loop of that many folders. */
export function folderLoops(graph: FolderGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) loops.push(component.sort());
    }
  };
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets.keys()])]);
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return loops;
}

/** One paragraph per loop: its folders, then every import between two of them with the files that make it. */
export function describeLoops(graph: FolderGraph, loops: readonly string[][]): string[] {
  return loops.map((loop) => {
    const lines = [`loop of ${loop.length} folders: ${loop.join(', ')}`];
    for (const a of loop) {
      for (const [b, files] of graph.get(a) ?? []) {
        if (loop.includes(b)) lines.push(`  ${a} -> ${b}: ${files.join('; ')}`);
      }
    }
    return lines.join('\n');
  });
}

/** Pairs of files that import each other, as "a.ts <-> b.ts". */
export function filesImportingEachOther(imports: readonly FileImport[]): string[] {
  const edges = new Set(imports.map(({ from, to }) => `${from}\0${to}`));
  return imports.filter(({ from, to }) => from < to && edges.has(`${to}\0${from}`)).map(({ from, to }) => `${from} <-> ${to}`);
}
