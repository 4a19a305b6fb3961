/**
 * The message of anything thrown: an Error's message, or the thrown value as text (a library
 * may throw a string or a plain object). One place, so every "could not …: <why>" line reads
 * the same way.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first non-empty line of a message: SDK and node:util errors can run to several lines. */
export function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
