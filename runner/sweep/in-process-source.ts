/**
 * The runner's own load: a closed loop (autocannon, connections = concurrency) or an open loop
 * (a fixed arrival rate). Both honour fixed-time phases the same way.
 */
import type { SignRequest } from '../system/sigv4-signer.ts';
import { runLoad } from '../load/run-load.ts';
import { runOpenLoad } from '../load/open-loop.ts';
import type { LoadResult } from '../load/load-result.ts';
import type { LoadSource, PhaseSpec, SourceRequest } from './load-source.ts';
import { sleep } from '../system/sleep.ts';

export interface InProcessRequest extends SourceRequest {
  signRequest?: SignRequest;
}

export function closedLoopSource(request: InProcessRequest, connections: number): LoadSource {
  return inProcessSource(request, (durationSec, spec) => runLoad({ ...loadOptions(request, durationSec, spec), concurrency: connections }));
}

export function openLoopSource(request: InProcessRequest, ratePerSec: number, maxConnections: number): LoadSource {
  return inProcessSource(request, (durationSec, spec) => runOpenLoad({ ...loadOptions(request, durationSec, spec), ratePerSec, maxConnections }));
}

function loadOptions(request: InProcessRequest, durationSec: number, spec: PhaseSpec) {
  const { url, body, timeoutSec, signal, signRequest } = request;
  return { url, durationSec, body, timeoutSec, signal, onProgress: spec.onProgress, ...(signRequest ? { signRequest } : {}) };
}

function inProcessSource(request: InProcessRequest, run: (durationSec: number, spec: PhaseSpec) => Promise<LoadResult>): LoadSource {
  return {
    async phase(spec) {
      const { startAtMs } = spec;
      if (startAtMs !== undefined && startAtMs > Date.now()) await sleep(startAtMs - Date.now(), request.signal);
      // A fixed-time phase that starts late (the previous phase's requests took longer to finish)
      // still ends on time: the level's periods are what CloudWatch will report.
      const durationSec = startAtMs !== undefined ? Math.max(0.1, spec.durationSec - (Date.now() - startAtMs) / 1000) : spec.durationSec;
      return run(durationSec, spec);
    },
    describe: () => ({ mode: 'in-process' }),
  };
}
