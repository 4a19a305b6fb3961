/** Between two phases of a level: the last phase's requests finish before the next phase starts. */
import type { DeployedVariant, Target } from '../target/target.ts';
import type { LoadResult } from '../load/load-result.ts';
import { untilAborted } from './abortable.ts';
import { sleep } from '../system/sleep.ts';
import { sum } from '../system/sum.ts';

export interface DrainContext {
  target: Target;
  deployed: DeployedVariant;
  /** The function timeout: the longest a request can still run. */
  timeoutSec: number;
  signal: AbortSignal;
  /** Each poll: how many requests the target has yet to record, for the heartbeat. */
  onWait?: (waitingFor: number) => void;
}

/**
 * A load run ends by closing its connections with up to `concurrency` requests still running
 * in the function. Started at once, the next run would find those environments busy: standard
 * Lambda would cold-start new ones and LMI would count busy slots, an artifact of the tool,
 * not of the compute type. So the next run waits until the target has recorded them (the
 * engine records an invocation when it ends, a throttle at once), for at most the function
 * timeout. A target without stats (AWS) gets the slowest latency seen, the best guess there is.
 *
 * Only requests the target records are waited for: invocations and throttles both count, so
 * a phase that ends throttled ends at once (counting throttles on one side only would wait
 * the whole function timeout for records that never come). A request refused before the
 * function (413) is never recorded: when every answered request was refused, the ones cut off
 * in flight were refused too, and there is nothing to wait for.
 */
export async function drain(previous: LoadResult, context: DrainContext): Promise<void> {
  const { timeoutSec, target, deployed, signal } = context;
  if (previous.inFlightAtEnd === 0) return;
  const answered = sum(Object.values(previous.statusCodes));
  const refused = sum(refusedBeforeTheFunction.map((code) => previous.statusCodes[code] ?? 0));
  if (answered > 0 && refused === answered) return;
  // Requests that reached the function: answered ones (any recorded status) and those cut off in flight.
  const expected = answered - refused + previous.inFlightAtEnd;
  const deadlineMs = Date.now() + timeoutSec * 1000 + drainPollMs;
  while (Date.now() < deadlineMs) {
    const stats = await untilAborted(target.windowStats(deployed, { startMs: previous.window.startMs, endMs: Date.now() + 1 }), signal);
    if (stats === null) {
      await sleep(Math.min(Math.ceil(previous.latencyMs?.max ?? 0) + 10, timeoutSec * 1000), signal);
      return;
    }
    if (stats.invocations + stats.throttled >= expected) return;
    context.onWait?.(expected - stats.invocations - stats.throttled);
    await sleep(drainPollMs, signal);
  }
}

/** Statuses answered before the function runs, which the target records nowhere (request too large). */
const refusedBeforeTheFunction = ['413'];

/**
 * The last requests of a phase end within a few ms of its end, mostly: a coarse poll would idle
 * the level for most of a poll after they are recorded, between every two phases (a short level
 * has three). One stats query on the local engine costs well under a millisecond.
 */
const drainPollMs = 20;
