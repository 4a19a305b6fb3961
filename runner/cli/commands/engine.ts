/**
 * `lmi-bench engine [--port N] [--workload NAME --runtime RUNTIME]`: the embedded local
 * engine in the foreground. Writes one EngineReady JSON line to stdout when listening; stops
 * every environment and runtime process on SIGINT/SIGTERM or POST /_engine/shutdown.
 */
import { ExitCode, UsageError } from '../../errors.ts';
import { startControlServer } from '../../engine/control-server.ts';
import { Engine } from '../../engine/engine.ts';
import type { EngineReady, FunctionSpec } from '../../engine/protocol.ts';
import { exitWithParentVariable } from '../../target/local/engine-process.ts';
import { initLimit, initLimitVariable } from '../../engine/init-limit.ts';
import { loadWorkload } from '../../workload/load.ts';
import { runtimeRegistry, runtimes, type Runtime } from '../../runtimes/registry.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseChoice, parseInteger, parseText } from '../values.ts';

export const engineFlags = {
  port: valueFlag({ value: 'N', help: 'control port on 127.0.0.1 (0: any free port)', default: '0', parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 65535 }) }),
  workload: valueFlag({ value: 'NAME|DIR', help: 'also deploy a standard Lambda and an LMI function of this workload', parse: (raw, label) => parseText(label, raw) }),
  runtime: valueFlag({ value: runtimes.join('|'), help: 'runtime of the --workload functions', default: 'node', parse: (raw, label) => parseChoice(label, raw, runtimes) }),
};

const help = `usage: lmi-bench engine [--port N] [--workload NAME|DIR --runtime ${runtimes.join('|')}]

Runs the local engine in the foreground on 127.0.0.1. With --workload, also deploys a
standard Lambda and an LMI function of that workload and prints their URLs.

When listening it writes one JSON line to stdout: {"event":"ready","pid":…,"controlUrl":…,
"token":…}. The control API (/_engine/…) needs that token as "authorization: Bearer TOKEN":
whoever holds it can run code as this user. Function URLs, and the CloudWatch and Lambda
APIs the AWS SDK reads on the control port, need no token; requests with an Origin header
or a Host other than 127.0.0.1/localhost are refused.

options:
${flagHelp(engineFlags)}`;


function demoSpecs(workloadRef: string, runtime: Runtime): FunctionSpec[] {
  const workload = loadWorkload(workloadRef);
  const base = workload.manifest.name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  return [
    {
      name: `${base}-lambda`,
      workloadDir: workload.dir,
      runtime,
      timeoutMs: 30_000,
      compute: { type: 'lambda', memoryMb: workload.manifest.memoryMb, concurrencyLimit: 1000, idleTimeoutMs: 600_000 },
    },
    {
      name: `${base}-lmi`,
      workloadDir: workload.dir,
      runtime,
      timeoutMs: 30_000,
      compute: {
        type: 'lmi',
        memoryMb: Math.max(2048, workload.manifest.memoryMb),
        // 2048 MB at 2 GiB per vCPU: one vCPU, so the runtime's default per vCPU.
        maxConcurrency: runtimeRegistry[runtime].maxConcurrencyPerVcpu,
        gibPerVcpu: 2,
        minEnvironments: 3,
        instanceType: 'm7g.xlarge',
        maxVcpus: 400,
      },
    },
  ];
}

/** How long a deploy's init runs before the command says what it waits for, and how often after. */
const heartbeatEveryMs = 5000;

const computeNames: Record<FunctionSpec['compute']['type'], string> = { lambda: 'standard Lambda', lmi: 'Lambda Managed Instances' };

/**
 * Runs `deploy`, writing one line every 5 s while it lasts: which function and runtime is
 * initialising, for how long, and the init limit it runs under, so a slow or endless init is
 * never a silent wait.
 */
async function withInitHeartbeat<T>(spec: FunctionSpec, deploy: () => Promise<T>): Promise<T> {
  const startedMs = Date.now();
  const limit = initLimit(spec.compute.type, spec.timeoutMs, process.env[initLimitVariable]);
  const retry = limit.retry ? `, then a retry within ${limit.retry.rule}` : '';
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - startedMs) / 1000);
    process.stderr.write(`lmi-bench: still initialising ${spec.name} (${spec.runtime}, ${computeNames[spec.compute.type]}) after ${seconds} s: waiting for its handler's init, within ${limit.rule}${retry}\n`);
  }, heartbeatEveryMs);
  try {
    return await deploy();
  } finally {
    clearInterval(timer);
  }
}

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, engineFlags);
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  const options = line.values;
  if (line.given('runtime') && options.workload === undefined) throw new UsageError('--runtime needs --workload');
  const specs = options.workload === undefined ? [] : demoSpecs(options.workload, options.runtime);
  const engine = new Engine();
  let stopping: Promise<void> | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (): void => {
    stopping ??= engine.shutdown().finally(() => control.server.close(() => finish()));
    control.server.closeAllConnections();
  };
  const control = await startControlServer(engine, { port: options.port, onShutdown: stop });
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    stop();
  });
  process.once('SIGTERM', stop);
  // Started by startEngine(): a closed stdin means the parent is gone, so nothing is left behind.
  if (process.env[exitWithParentVariable] === '1') {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }

  try {
    for (const spec of specs) {
      const deployed = await withInitHeartbeat(spec, () => engine.deploy(spec));
      process.stderr.write(`${deployed.name} (${deployed.compute.type}, ${deployed.environments} environments): ${deployed.url}\n`);
    }
  } catch (error) {
    stop();
    await finished;
    throw error;
  }
  const ready: EngineReady = { event: 'ready', pid: process.pid, controlUrl: control.url, token: control.token };
  process.stderr.write(`control API: ${control.url}/_engine/ (send "authorization: Bearer TOKEN", TOKEN from the ready line on stdout); CloudWatch and Lambda APIs for the AWS SDK, no token: ${control.url}\n`);
  process.stdout.write(JSON.stringify(ready) + '\n');
  await finished;
  // Ctrl-C is an interruption (130); SIGTERM and POST /_engine/shutdown are an orderly stop.
  return interrupted ? ExitCode.interrupted : ExitCode.ok;
}
