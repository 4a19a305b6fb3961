/**
 * The load worker function's settings, shared by the bundle, the CDK stack, the targets and the
 * cost of the workers (a leaf: importing it loads no bundler).
 */
import { lambdaMbPerVcpu } from '../../capacity/lambda-cpu-share.ts';

/** The handler, as workload.json and the CDK function name it. */
export const loadWorkerHandler = 'index.handler';
export const loadWorkerName = 'lmi-bench-load-worker';
/** Lambda's runtime for the worker (the bundle targets it; Node 20 runs it in tests). */
export const loadWorkerNodeTarget = 'node20';
/**
 * The worker function's memory on AWS: 1,769 MB is one full vCPU, which a load generator's
 * event loop uses whole (parsing responses, recording latencies); less would throttle it and
 * add the generator's own delay to the latencies it measures.
 */
export const loadWorkerMemoryMb = lambdaMbPerVcpu;
/** arm64: the bundle is plain JavaScript, and Graviton GB-seconds cost about 20% less. */
export const loadWorkerArchitecture = 'arm64';
/** Lambda's longest timeout: a phase (at most a level's trial, plus the request timeout) must fit in it. */
export const loadWorkerTimeoutSec = 900;

