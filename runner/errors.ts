/**
 * Exit codes users and CI depend on (README "Exit codes"). `internal` is sysexits' EX_SOFTWARE:
 * a bug in lmi-bench must not read as the user's mistake (2), so it has a code of its own.
 */
export const ExitCode = {
  ok: 0,
  regression: 1,
  usage: 2,
  internal: 70,
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

/**
 * Whether an error describes the world rather than a bug in lmi-bench: our UsageError, an AWS
 * service error (the SDK marks those with `$metadata`: AccessDenied, a throttled API, a missing
 * stack), or an operating-system error (`code` like ENOENT, EACCES, ECONNREFUSED). Everything
 * else reaching the top of a command (a TypeError, a failed invariant) is an internal error.
 */
export function isEnvironmentError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { $metadata?: unknown; code?: unknown };
  if (typeof e.$metadata === 'object' && e.$metadata !== null) return true;
  return typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code);
}

/**
 * The platform a run measures on is gone (local: the engine process exited). Not the user's
 * input: the sweep stops at once, keeping the levels it finished, instead of failing every
 * level left one by one.
 */
export class TargetLostError extends Error {
  override readonly name = 'TargetLostError';
}
