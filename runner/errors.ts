/** Exit codes users and CI depend on (DESIGN.md, "Interfaces"). */
export const ExitCode = {
  ok: 0,
  regression: 1,
  usage: 2,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Bad input or an unusable environment: reported as one line on stderr with exit code 2,
 * never as a stack trace. Throw it from validation code; the CLI entry point prints it.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The user asked to stop (SIGINT): the command saves what it has and exits 130. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
