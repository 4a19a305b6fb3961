/**
 * Takes the deploy/destroy commands' own flags out of argv (`--name value`, `--name=value`,
 * boolean `--name`), leaving the rest for the bench parser.
 */
import { UsageError } from '../../errors.ts';

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
}

export function takeFlags(argv: string[], specs: FlagSpec[]): { values: Map<string, string | true>; rest: string[] } {
  const values = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    const spec = match ? specs.find((s) => s.name === match[1]) : undefined;
    if (!match || !spec) {
      rest.push(arg);
      continue;
    }
    if (spec.type === 'boolean') {
      if (match[2] !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      values.set(spec.name, true);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${spec.name} needs a value`);
    values.set(spec.name, value);
  }
  return { values, rest };
}

export function listValue(value: string | true | undefined): string[] {
  if (value === undefined || value === true) return [];
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}
