/**
 * The load worker function (runner/load/worker/): deployed in the bench stack, in the same
 * region as the functions under test, when the plan asks for load workers. Its code is the
 * esbuild bundle built at synth time from node_modules (no network, no Docker): the same
 * index.mjs the local engine runs in the tests. Its role gets nothing but the right to send
 * requests through the bench's own front doors (granted per variant in bench-stack.ts) and to
 * write its logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  buildLoadWorkerBundle, loadWorkerArchitecture, loadWorkerHandler, loadWorkerMemoryMb, loadWorkerTimeoutSec,
} from '../runner/load/worker/bundle.ts';

/**
 * One private bundle folder per synth process (mkdtemp: random name, mode 0700, never a path
 * someone could plant first), removed when it exits (CDK has copied the asset by then).
 */
function bundleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-bench-load-worker-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return buildLoadWorkerBundle(dir);
}

export function addLoadWorker(stack: Stack, runId: string): lambda.Function {
  const logGroup = new logs.LogGroup(stack, 'LoadWorkerLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
  return new lambda.Function(stack, 'LoadWorkerFunction', {
    code: lambda.Code.fromAsset(bundleFolder()),
    handler: loadWorkerHandler,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: loadWorkerArchitecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    memorySize: loadWorkerMemoryMb,
    timeout: Duration.seconds(loadWorkerTimeoutSec),
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
    description: `lmi-bench ${runId} load worker`,
  });
}
