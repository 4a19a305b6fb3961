/**
 * What a workload name may be. The name becomes a file name (baselines/<name>-<runtime>.json,
 * results/<name>-…), part of AWS resource names and descriptions, and a word on the terminal
 * and in Markdown summaries: so letters, digits, `.`, `_` and `-`, starting with a letter or
 * digit (no `/`, no `..` at the start, no control character), and at most 64 characters, the
 * length of a Lambda function name.
 */
export const workloadNameMaxLength = 64;

const workloadNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `name` cannot be a workload name, or undefined when it can. Never echoes the name itself. */
export function workloadNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > workloadNameMaxLength) return `is ${name.length} characters long (at most ${workloadNameMaxLength})`;
  if (!workloadNamePattern.test(name)) return 'may hold only letters, digits, ".", "_" and "-", starting with a letter or digit';
  return undefined;
}
