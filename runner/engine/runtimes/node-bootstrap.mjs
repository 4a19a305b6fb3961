// Runtime bootstrap of one Node.js execution environment: the first process of the environment
// (see ../node-environment.ts), as AWS runs Node.js:
//   - standard Lambda: this process's main thread imports the handler and serves its channel;
//   - Lambda Managed Instances: one worker thread per vCPU (AWS_LAMBDA_NODEJS_WORKER_COUNT),
//     each importing the handler into its own module instance and serving its own channel, as
//     AWS's Node.js LMI runtime does. The main thread only watches them.
//
// Configuration: the JSON in LMI_BENCH_NODE_ENVIRONMENT, removed from process.env before any
// handler code runs:
//   { channelFds: [fd per serving thread], workers: boolean, file, exportName, functionName,
//     memoryMb, codeDir, maxResultBytes, maxResponseBytes, tmpMapping?: host folder (no namespaces),
//     safety?: { recordDir, recordFds: [fd per serving thread], worker, envTmpDir }, heapMbPerWorker }
// The channels and the safety record files are descriptors the engine opened and passed in: the
// environment's mount namespace cannot reach the engine's folders, and needs not.
//
// Ending: a serving thread whose channel closes ends the whole environment. Without namespaces
// (tmpMapping set) the process leads a process group of its own, and SIGKILL to the group also
// ends the processes the handler started, so an engine that died (kill -9) leaves none of them;
// in namespaces the kernel does it when this process, the namespace's pid 1, ends.
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { serve } from './node-serve.mjs';

/** Exit status of an environment whose worker ran out of V8 heap: the engine reports Runtime.OutOfMemory. */
const outOfMemoryExitCode = 86;

/**
 * Without namespaces the engine started this process detached, leading its own process group:
 * SIGKILL to the group ends the handler's processes too. In namespaces this process is pid 1,
 * which its own namespace cannot signal, and whose exit the kernel answers by ending the rest.
 * (From a worker thread, process.exit ends the thread, and the main thread follows it.)
 */
function ender(config) {
  if (!config.tmpMapping) return () => process.exit(0);
  return () => {
    try {
      process.kill(0, 'SIGKILL');
    } catch {
      process.exit(0);
    }
  };
}

function threadConfig(config, index) {
  const { safety } = config;
  const ownSafety = safety ? { recordDir: safety.recordDir, envTmpDir: safety.envTmpDir, recordFd: safety.recordFds[index], worker: `${safety.worker}/${index}` } : undefined;
  return { ...config, fd: config.channelFds[index], safety: ownSafety, onClose: ender(config) };
}

if (isMainThread) {
  const config = JSON.parse(process.env.LMI_BENCH_NODE_ENVIRONMENT ?? '{}');
  delete process.env.LMI_BENCH_NODE_ENVIRONMENT;
  if (!config.workers) {
    await serve(threadConfig(config, 0));
  } else {
    for (let index = 0; index < config.channelFds.length; index++) {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { config, index },
        // Each worker's share of the function's memory bounds its heap.
        resourceLimits: { maxOldGenerationSizeMb: config.heapMbPerWorker },
      });
      worker.on('error', (error) => {
        process.stderr.write(`worker thread ${index} crashed: ${error?.stack ?? error}\n`);
        process.exit(error?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemoryExitCode : 1);
      });
      // A worker that exits on its own (process.exit in the handler) breaks the environment.
      worker.on('exit', (code) => process.exit(code === 0 ? 1 : code));
    }
  }
} else {
  const { config, index } = workerData;
  await serve(threadConfig(config, index));
}
