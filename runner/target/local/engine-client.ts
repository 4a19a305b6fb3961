/** HTTP client of the engine's control API (runner/engine/protocol.ts). */
import { UsageError } from '../../errors.ts';
import type { DeployedFunction, FunctionSpec, FunctionState, WindowStats } from '../../engine/protocol.ts';
import { errorMessage } from '../../system/error-message.ts';
import { authorizationFor } from '../../engine/control-access.ts';

export class EngineClient {
  readonly controlUrl: string;
  readonly #authorization: string;

  /** `token`: the engine's control token, from its ready line. */
  constructor(controlUrl: string, token: string) {
    this.controlUrl = controlUrl.replace(/\/+$/, '');
    this.#authorization = authorizationFor(token);
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.controlUrl + path, {
        method,
        headers: { authorization: this.#authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new UsageError(`the local engine at ${this.controlUrl} cannot be reached: ${errorMessage(error)}`);
    }
    const text = await response.text();
    if (response.ok) return (text === '' ? undefined : JSON.parse(text)) as T;
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not JSON: the raw text is the message.
    }
    // 400 is bad input (a spec, a handler that cannot init): the user's to fix.
    if (response.status === 400) throw new UsageError(message);
    throw new Error(`local engine: ${method} ${path} answered ${response.status}: ${message}`);
  }

  deploy(spec: FunctionSpec): Promise<DeployedFunction> {
    return this.#request('POST', '/_engine/functions', spec);
  }

  state(name: string): Promise<FunctionState> {
    return this.#request('GET', `/_engine/functions/${encodeURIComponent(name)}`);
  }

  stats(name: string, startMs: number, endMs: number): Promise<WindowStats> {
    return this.#request('GET', `/_engine/functions/${encodeURIComponent(name)}/stats?startMs=${startMs}&endMs=${endMs}`);
  }

  async remove(name: string): Promise<void> {
    await this.#request('DELETE', `/_engine/functions/${encodeURIComponent(name)}`);
  }

  async shutdown(): Promise<void> {
    await this.#request('POST', '/_engine/shutdown');
  }
}
