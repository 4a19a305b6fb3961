/** Why the local engine refuses a runtime it cannot run (the registry's `localEngine`), or undefined when it runs it. */
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';

export function localEngineRefusal(runtime: Runtime): string | undefined {
  const local = runtimeRegistry[runtime].localEngine;
  return local.kind === 'unavailable' ? local.why : undefined;
}
