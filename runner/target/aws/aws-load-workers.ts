/**
 * Load workers on AWS: the stack's load worker function (infra/load-worker.ts), in the same
 * region as the functions under test, invoked synchronously through the Lambda Invoke API once
 * per worker and phase. The workers sign their requests with their own role, which may invoke
 * only the bench's front doors.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LoadTask, LoadWorkerPool, WorkerOutcome } from '../../load/load-task.ts';
import { loadWorkerMemoryMb, loadWorkerTimeoutSec } from '../../load/worker/worker-function.ts';

export interface AwsLoadWorkerOptions {
  functionName: string;
  region: string;
  /** SigV4 service of the front doors: `lambda` (Function URLs) or `execute-api`. */
  signingService: string;
  client: LambdaClient;
}

/**
 * A Lambda client fit for invoking workers: one attempt (a retried phase would load the
 * function twice and report once), and a socket that waits as long as a worker may run.
 */
export function workerInvokeClient(region: string, credentials: LambdaClient['config']['credentials']): LambdaClient {
  return new LambdaClient({
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: (loadWorkerTimeoutSec + 60) * 1000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  });
}

export function awsLoadWorkers(options: AwsLoadWorkerOptions): LoadWorkerPool {
  const { client, functionName, region } = options;
  return {
    where: region,
    memoryMb: loadWorkerMemoryMb,
    signing: { region, service: options.signingService },
    async run(task: LoadTask, signal: AbortSignal): Promise<WorkerOutcome> {
      const out = await client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(task)) }), { abortSignal: signal });
      const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
      if (out.FunctionError) {
        // Lambda's error payload: { errorType, errorMessage } (a timeout or a crash says so here).
        let detail = text.slice(0, 300);
        try {
          const error = JSON.parse(text) as { errorType?: string; errorMessage?: string };
          detail = [error.errorType, error.errorMessage].filter(Boolean).join(': ');
        } catch {
          // Not JSON: the raw text says it.
        }
        throw new Error(`${out.FunctionError} error${detail ? ` (${detail})` : ''}`);
      }
      try {
        return JSON.parse(text) as WorkerOutcome;
      } catch {
        throw new Error('answered with a payload that is not JSON');
      }
    },
  };
}
