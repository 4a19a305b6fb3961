/**
 * How Lambda reports a runtime that ended under an invocation, so the engine's errors read
 * as AWS's do: errorType Runtime.OutOfMemory when the environment went over its memory (the
 * sandbox kills it: "signal: killed"), Runtime.ExitError when the runtime exited on its own.
 */
export const outOfMemoryErrorType = 'Runtime.OutOfMemory';
export const exitErrorType = 'Runtime.ExitError';

export function outOfMemoryMessage(requestId: string | undefined): string {
  return `${requestId === undefined ? '' : `RequestId: ${requestId} `}Error: Runtime exited with error: signal: killed`;
}

/** The function's memory in bytes: what its environment may hold resident. */
export function memoryLimitBytes(memoryMb: number): number {
  return memoryMb * 1024 * 1024;
}
