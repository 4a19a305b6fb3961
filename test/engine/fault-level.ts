/**
 * A short "level" against a faulting function while a healthy function serves alongside it:
 * what every handler fault must leave intact (the engine process stays alive
 * and the other function keeps answering while the faulting one misbehaves).
 */
import { fileURLToPath } from 'node:url';
import type { EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, sleep, type Reply } from './support.ts';

export function faultDir(fault: string): string {
  return fileURLToPath(new URL(`../fixtures/faults/${fault}`, import.meta.url));
}

export interface FaultLevel {
  faultReplies: Reply[];
  /** Healthy-function replies, or the error of a request that got no reply at all. */
  healthy: Array<Reply | Error>;
}

/**
 * For `durationMs`, sends `faultBody` to the faulting function `faultConcurrency` at a time and
 * a request every 25 ms to the healthy one.
 */
export async function runFaultLevel(
  faultUrl: string,
  healthyUrl: string,
  options: { durationMs: number; faultBody?: unknown; faultConcurrency?: number },
): Promise<FaultLevel> {
  const endAt = Date.now() + options.durationMs;
  const faultReplies: Reply[] = [];
  const healthy: Array<Reply | Error> = [];
  const faultLoop = async (): Promise<void> => {
    while (Date.now() < endAt) {
      faultReplies.push(await send(faultUrl, options.faultBody ?? {}).catch((error: Error) => ({ status: 0, headers: {}, body: error.message, json: () => ({}) }) as Reply));
    }
  };
  const healthyLoop = async (): Promise<void> => {
    while (Date.now() < endAt) {
      healthy.push(await send(healthyUrl, { delayMs: 1 }).catch((error: Error) => error));
      await sleep(25);
    }
  };
  await Promise.all([...Array.from({ length: options.faultConcurrency ?? 2 }, faultLoop), healthyLoop()]);
  return { faultReplies, healthy };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The engine's process still exists and its control API answers (through the runner's own client). */
export async function engineAlive(engine: EngineHandle, functionName: string): Promise<boolean> {
  if (!isAlive(engine.pid)) return false;
  return engine.client.state(functionName).then(
    () => true,
    () => false,
  );
}
