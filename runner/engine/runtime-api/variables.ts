/**
 * The environment variables Lambda gives a runtime (the documented set, "Defined runtime
 * environment variables"), as a runtime that speaks the Runtime API reads them. On LMI also
 * AWS_LAMBDA_MAX_CONCURRENCY, the environment's maximum concurrency. Pure.
 */
import { engineRegion } from '../lambda-api/configuration.ts';

export interface VariableInputs {
  /** `host:port` of the environment's Runtime API. */
  runtimeApi: string;
  /** The handler string as the function is configured with it. */
  handler: string;
  /** The function's code, where the runtime finds it (LAMBDA_TASK_ROOT). */
  taskRoot: string;
  functionName: string;
  memoryMb: number;
  environmentId: string;
  /** Lambda's AWS_EXECUTION_ENV (AWS_Lambda_java21...); absent for OS-only runtimes, as on Lambda. */
  executionEnv?: string;
  /** LMI: the environment's maximum concurrency; absent on standard Lambda. */
  maxConcurrency?: number;
  /** The environment's /tmp folder. */
  tmpDir: string;
  startedAtMs: number;
}

/** LMI functions run published versions; standard functions here are invoked at $LATEST. */
function functionVersion(maxConcurrency: number | undefined): string {
  return maxConcurrency === undefined ? '$LATEST' : '1';
}

/** Lambda's log stream name: YYYY/MM/DD/[version]<environment id>. */
export function logStreamName(startedAtMs: number, version: string, environmentId: string): string {
  const day = new Date(startedAtMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${environmentId}`;
}

export function runtimeVariables(inputs: VariableInputs): Record<string, string> {
  const version = functionVersion(inputs.maxConcurrency);
  const variables: Record<string, string> = {
    AWS_LAMBDA_RUNTIME_API: inputs.runtimeApi,
    _HANDLER: inputs.handler,
    LAMBDA_TASK_ROOT: inputs.taskRoot,
    LAMBDA_RUNTIME_DIR: inputs.taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: inputs.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(inputs.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: version,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${inputs.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(inputs.startedAtMs, version, inputs.environmentId),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: engineRegion,
    AWS_DEFAULT_REGION: engineRegion,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    TMPDIR: inputs.tmpDir,
  };
  if (inputs.executionEnv !== undefined) variables['AWS_EXECUTION_ENV'] = inputs.executionEnv;
  if (inputs.maxConcurrency !== undefined) variables['AWS_LAMBDA_MAX_CONCURRENCY'] = String(inputs.maxConcurrency);
  return variables;
}
