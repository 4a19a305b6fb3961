/** Why the local engine refuses .NET handlers, and what to do instead: one line, a UsageError's message. */
export const dotnetUnavailable =
  'the local engine cannot run .NET handlers (it has no .NET runtime host): bench it with --target aws, or publish it self-contained for Linux and run it here as an OS-only runtime ("provided", a folder with an executable bootstrap)';
