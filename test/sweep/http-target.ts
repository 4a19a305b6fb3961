// A Target over plain node:http servers on 127.0.0.1, for testing the sweep's control flow
// (order, failures, aborts) apart from the engine. Each variant's server answers after
// `delayMs`; `failAtConcurrency` makes it answer 500 when that many requests are in flight.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeployedVariant, Target } from '../../runner/target/target.ts';
import type { WindowStats } from '../../runner/engine/protocol.ts';
import type { Variant } from '../../runner/domain.ts';

export interface HttpTargetBehaviour {
  delayMs: number;
  failAtConcurrency?: number;
  failDeployOf?: string;
  startDelayMs?: number;
}

export class HttpTarget implements Target {
  readonly kind = 'local' as const;
  readonly calls: string[] = [];
  readonly #servers = new Map<string, Server>();
  readonly #served = new Map<string, number[]>();
  constructor(readonly behaviour: HttpTargetBehaviour) {}

  async start(): Promise<void> {
    this.calls.push('start');
    if (this.behaviour.startDelayMs) await new Promise((resolve) => setTimeout(resolve, this.behaviour.startDelayMs));
    this.calls.push('started');
  }

  async deploy(variant: Variant): Promise<DeployedVariant> {
    this.calls.push(`deploy ${variant.id}`);
    if (variant.id === this.behaviour.failDeployOf) throw new Error('capacity provider not ready');
    let inFlight = 0;
    const served: number[] = [];
    this.#served.set(variant.id, served);
    const server = createServer((req, res) => {
      req.resume();
      inFlight += 1;
      const fail = this.behaviour.failAtConcurrency !== undefined && inFlight >= this.behaviour.failAtConcurrency;
      setTimeout(() => {
        inFlight -= 1;
        served.push(Date.now());
        res.statusCode = fail ? 500 : 200;
        res.end(fail ? 'overloaded' : 'ok');
      }, this.behaviour.delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#servers.set(variant.id, server);
    const { port } = server.address() as AddressInfo;
    return { variant, functionName: variant.id, url: `http://127.0.0.1:${port}/`, cloudwatch: { region: 'us-east-1', functionDimensions: { FunctionName: variant.id }, periodSec: 60 } };
  }

  async windowStats(deployed: DeployedVariant, window: { startMs: number; endMs: number }): Promise<WindowStats> {
    const served = (this.#served.get(deployed.variant.id) ?? []).filter((t) => t >= window.startMs && t < window.endMs).length;
    return {
      ...window, invocations: served, ok: served, errors: 0, timeouts: 0, throttled: 0, coldStarts: 1, initDurationsMs: [12],
      environmentsUsed: 1, environmentsMax: 1, instancesMax: 0, instancesMean: 0, cpuSeconds: served * 0.001, timeline: [],
    };
  }

  async remove(deployed: DeployedVariant): Promise<void> {
    this.calls.push(`remove ${deployed.variant.id}`);
    await this.#close(deployed.variant.id);
  }

  async stop(): Promise<void> {
    this.calls.push('stop');
    for (const id of [...this.#servers.keys()]) await this.#close(id);
  }

  async #close(id: string): Promise<void> {
    const server = this.#servers.get(id);
    if (!server) return;
    this.#servers.delete(id);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
