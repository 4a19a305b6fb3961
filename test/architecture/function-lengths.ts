/**
 * Measures every function of the layered folders (runner/, reports/, infra/) from its signature
 * to its closing brace, with the TypeScript parser, so a function that grew past a screen is
 * found by name. Kept apart from the tests so a test can run it over a temporary file made long
 * on purpose and see that it is found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { layeredTops } from './import-graph.ts';

export interface FunctionLength {
  lines: number;
  /** `path:line`, the path relative to the root. */
  where: string;
  name: string;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

function functionName(node: ts.SignatureDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file);
  return ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(file) : '(anonymous)';
}

/** The length of every function with a body in one file. */
export function functionLengths(path: string, root: string): FunctionLength[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.end).line;
      found.push({ lines: last - first + 1, where: `${relative(root, path).split('\\').join('/')}:${first + 1}`, name: functionName(node, file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every function of runner/, reports/ and infra/ under a root, longest first. */
export function layeredFunctionLengths(root: string): FunctionLength[] {
  return layeredTops
    .flatMap((top) => sourceFiles(join(root, top)))
    .flatMap((path) => functionLengths(path, root))
    .sort((a, b) => b.lines - a.lines);
}
