/**
 * The what-if file of `advise --what-if FILE.csv`: one function per row, a header row naming the
 * columns (any order, case-insensitive). Every value goes through the command line's value rules,
 * so a bad cell is one line naming the file, the line and the column.
 *
 *   name                 required, unique
 *   requests_per_month   requests a month, evenly spread      ┐ exactly one of the two
 *   rps                  a constant rate in requests/second   ┘
 *   duration_ms          required: mean duration per request on standard Lambda
 *   memory_mb            required: standard Lambda memory, 128–10240
 *   arch                 x86_64 | arm64 (aliases amd64, aarch64); default x86_64
 *   cpu_ms               CPU time per request                 ┐ at most one; neither: unknown,
 *   cpu_share            share of the duration on CPU, 0–1    ┘ priced at the all-CPU bound
 *   runtime              e.g. nodejs22.x, python3.13 (checked against LMI's minimum versions)
 *   gib_per_vcpu         ExecutionEnvironmentMemoryGiBPerVCpu on LMI, 2–8; default 2
 *
 * Blank lines and lines starting with # are skipped. Fields are plain: no quotes, no commas inside.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { benchLimits } from '../plan/defaults.ts';
import { requestsPerMonthAt } from '../system/numbers.ts';
import { allCpuMs } from '../advise/model.ts';
import type { FleetFunction } from '../advise/fleet.ts';
import { parseArchitecture, parseDecimal, parseInteger } from './values.ts';

export const fleetColumns = ['name', 'requests_per_month', 'rps', 'duration_ms', 'memory_mb', 'arch', 'cpu_ms', 'cpu_share', 'runtime', 'gib_per_vcpu'] as const;
type Column = (typeof fleetColumns)[number];

function header(line: string, where: string): Column[] {
  const names = line.split(',').map((cell) => cell.trim().toLowerCase());
  const columns: Column[] = [];
  for (const name of names) {
    const column = fleetColumns.find((known) => known === name);
    if (!column) throw new UsageError(`${where}: unknown column '${name}' (columns: ${fleetColumns.join(', ')})`);
    if (columns.includes(column)) throw new UsageError(`${where}: column '${name}' appears twice`);
    columns.push(column);
  }
  for (const required of ['name', 'duration_ms', 'memory_mb'] as const) {
    if (!columns.includes(required)) throw new UsageError(`${where}: the header needs a '${required}' column (columns: ${fleetColumns.join(', ')})`);
  }
  if (columns.includes('requests_per_month') === columns.includes('rps')) throw new UsageError(`${where}: the header needs exactly one of 'requests_per_month' and 'rps'`);
  if (columns.includes('cpu_ms') && columns.includes('cpu_share')) throw new UsageError(`${where}: give 'cpu_ms' or 'cpu_share', not both`);
  return columns;
}

function row(cells: Partial<Record<Column, string>>, where: string): FleetFunction {
  const label = (column: Column): string => `${where}, ${column}`;
  const value = (column: Column): string | undefined => (cells[column]?.trim() === '' ? undefined : cells[column]);
  const name = value('name')?.trim();
  if (!name) throw new UsageError(`${where}: the function needs a name`);
  const requestsPerMonth = cells.rps !== undefined ? requestsPerMonthAt(parseDecimal(label('rps'), cells.rps, { min: 0 })) : parseDecimal(label('requests_per_month'), cells.requests_per_month ?? '', { min: 0 });
  const meanDurationMs = parseDecimal(label('duration_ms'), cells.duration_ms ?? '', { min: 0 });
  const memoryMb = parseInteger(label('memory_mb'), cells.memory_mb ?? '', benchLimits.lambdaMemoryMb);
  const arch = value('arch');
  const cpuMs = value('cpu_ms');
  const cpuShare = value('cpu_share');
  const gib = value('gib_per_vcpu');
  return {
    name,
    requestsPerMonth,
    meanDurationMs,
    memoryMb,
    architecture: arch === undefined ? 'x86_64' : parseArchitecture(label('arch'), arch),
    cpuMsPerRequest:
      cpuMs !== undefined
        ? parseDecimal(label('cpu_ms'), cpuMs, { min: 0 })
        : cpuShare !== undefined
          ? parseDecimal(label('cpu_share'), cpuShare, { min: 0, max: 1 }) * allCpuMs(meanDurationMs, memoryMb)
          : null,
    runtime: value('runtime')?.trim() ?? null,
    gibPerVcpu: gib === undefined ? null : parseDecimal(label('gib_per_vcpu'), gib, benchLimits.lmiGibPerVcpu),
  };
}

/** Parses the text of a what-if file; `file` names it in messages. */
export function parseFleetCsv(text: string, file: string): FleetFunction[] {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const head = lines.shift();
  if (!head) throw new UsageError(`${file}: empty; it needs a header row (${fleetColumns.join(', ')}) and one row per function`);
  const columns = header(head.line, `${file} line ${head.number}`);
  const functions: FleetFunction[] = [];
  for (const { line, number } of lines) {
    const where = `${file} line ${number}`;
    if (line.includes('"')) throw new UsageError(`${where}: quoted fields are not supported (names and values hold no commas)`);
    const values = line.split(',');
    if (values.length !== columns.length) throw new UsageError(`${where}: ${values.length} fields, the header has ${columns.length}`);
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((column, index) => (cells[column] = values[index]));
    const fn = row(cells, where);
    if (functions.some((other) => other.name === fn.name)) throw new UsageError(`${where}: function '${fn.name}' appears twice`);
    functions.push(fn);
  }
  if (functions.length === 0) throw new UsageError(`${file}: no function rows after the header`);
  return functions;
}

export function readFleetCsv(path: string): FleetFunction[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--what-if ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, give a CSV file' : 'cannot be read'}`);
  }
  return parseFleetCsv(text, path);
}
