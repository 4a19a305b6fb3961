/**
 * The load worker: a Lambda handler that runs one load phase (load-task.ts) and returns its
 * result. The same bundle (bundle.ts) runs as a standard function of the local engine and in
 * the CDK stack. It is invoked either through the Invoke API (AWS: the event is the task) or
 * through a Function URL (the engine: the task is the event's body), and answers with the
 * WorkerOutcome as JSON either way.
 *
 * On AWS it signs its requests with the credentials Lambda gives its role (environment
 * variables), so the functions under test accept only the bench's own workers.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { parseLoadTask, type LoadTask, type WorkerOutcome } from '../load-task.ts';
import { runLoad } from '../run-load.ts';
import type { LoadResult } from '../load-result.ts';
import { runOpenLoad } from '../open-loop.ts';
import { createRequestSigner } from '../../system/sigv4-signer.ts';
import { sleep } from '../../system/sleep.ts';

interface FunctionUrlEvent {
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { http?: unknown };
}

function taskPayload(event: unknown): unknown {
  const e = event as FunctionUrlEvent | null;
  if (e && typeof e === 'object' && e.requestContext?.http !== undefined) {
    const text = e.isBase64Encoded ? Buffer.from(e.body ?? '', 'base64').toString('utf8') : (e.body ?? '');
    return JSON.parse(text) as unknown;
  }
  return event;
}

function roleCredentials(): AwsCredentialIdentity {
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) throw new Error('the task asks for signed requests but the worker has no AWS credentials in its environment');
  const sessionToken = process.env['AWS_SESSION_TOKEN'];
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export async function runTask(task: LoadTask): Promise<WorkerOutcome> {
  const waitMs = task.startAtMs - Date.now();
  if (waitMs > 0) await sleep(waitMs);
  const lateStartMs = Math.max(0, Date.now() - task.startAtMs);
  const signRequest = task.signing ? createRequestSigner({ region: task.signing.region, service: task.signing.service, credentials: roleCredentials() }) : undefined;
  const common = { url: task.url, durationSec: task.durationSec, body: task.body, timeoutSec: task.timeoutSec, ...(signRequest ? { signRequest } : {}) };
  const result: LoadResult =
    task.shape.kind === 'closed'
      ? await runLoad({ ...common, concurrency: task.shape.connections })
      : await runOpenLoad({ ...common, ratePerSec: task.shape.ratePerSec, maxConnections: task.shape.maxConnections });
  return { worker: task.worker, result, lateStartMs };
}

export async function handler(event: unknown): Promise<WorkerOutcome> {
  return runTask(parseLoadTask(taskPayload(event)));
}
