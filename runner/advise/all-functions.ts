/**
 * `advise --all-functions`: every function of the region (ListFunctions, every page), each
 * advised with a bounded number of API calls in flight, ranked by monthly saving (rankRows). A function
 * without traffic is a row of its own kind, and a function whose calls fail is reported on its
 * row while the others complete.
 */
import { paginateListFunctions, type LambdaClient } from '@aws-sdk/client-lambda';
import { errorMessage, firstLine } from '../system/error-message.ts';
import { savingEnds, type Advice } from './model.ts';

export type FunctionRow =
  | { state: 'advised'; name: string; advice: Advice }
  | { state: 'no-traffic'; name: string; advice: Advice }
  | { state: 'failed'; name: string; reason: string };

export async function listFunctionNames(client: LambdaClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) {
    for (const fn of page.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
  }
  return names;
}

export interface AdviseAllOptions {
  /** Functions read at once (each is a few API calls). */
  concurrency: number;
  onProgress?: (done: number, total: number, name: string) => void;
}

/** Advises every function, at most `concurrency` at a time; one failure never stops the rest. */
export async function adviseAll(names: readonly string[], adviseOne: (name: string) => Promise<Advice>, options: AdviseAllOptions): Promise<FunctionRow[]> {
  const rows: FunctionRow[] = new Array(names.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const name = names[index];
      if (name === undefined) return;
      try {
        const advice = await adviseOne(name);
        rows[index] = { state: advice.decision === 'no-traffic' ? 'no-traffic' : 'advised', name, advice };
      } catch (error) {
        rows[index] = { state: 'failed', name, reason: oneLine(error) };
      }
      done += 1;
      options.onProgress?.(done, names.length, name);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, names.length)) }, worker));
  return rankRows(rows);
}

/**
 * Largest saving first, on the headline's basis: where CPU time is unknown the saving is a range,
 * so by its all-waiting end, ties by its all-CPU end (a known CPU time gives both ends one
 * figure); then the functions without traffic; then the failures, by name.
 */
export function rankRows(rows: readonly FunctionRow[]): FunctionRow[] {
  const order = { advised: 0, 'no-traffic': 1, failed: 2 } as const;
  return [...rows].sort((a, b) => {
    if (a.state !== b.state) return order[a.state] - order[b.state];
    if (a.state === 'advised' && b.state === 'advised') {
      const [ea, eb] = [savingEnds(a.advice), savingEnds(b.advice)];
      return eb.allWaitingUsd - ea.allWaitingUsd || eb.allCpuUsd - ea.allCpuUsd;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** The SDK's exception name says what failed (AccessDeniedException, ThrottlingException): keep it. */
function oneLine(error: unknown): string {
  const named = error instanceof Error && error.name !== 'Error' && error.name !== 'UsageError' ? `${error.name}: ` : '';
  return firstLine(`${named}${errorMessage(error)}`);
}
