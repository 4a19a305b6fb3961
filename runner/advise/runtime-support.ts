/**
 * LMI's minimum runtime versions (Node.js 22+, Python 3.13+, Java 21+, .NET 8+, and the OS-only
 * runtime provided.al2023; lambda-managed-instances-runtimes) checked against a Lambda runtime
 * identifier such as nodejs20.x. Pure.
 */
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';

/** The bench's runtimes (the registry), and the other languages LMI runs that the bench cannot yet. */
export type RuntimeFamily = Runtime | 'java' | 'dotnet' | 'provided' | 'other';

export interface RuntimeSupport {
  runtime: string;
  family: RuntimeFamily;
  /** null when the identifier cannot be judged. */
  supported: boolean | null;
  /** The family's LMI minimum in words, e.g. "Node.js 22". */
  minimum: string | null;
}

const minimums: Array<{ family: RuntimeFamily; pattern: RegExp; minimum: number[]; words: string }> = [
  { family: 'node', pattern: /^nodejs(\d+)(?:\.x)?$/, minimum: [22], words: runtimeRegistry.node.lmiMinimum },
  { family: 'python', pattern: /^python(\d+)\.(\d+)$/, minimum: [3, 13], words: runtimeRegistry.python.lmiMinimum },
  { family: 'java', pattern: /^java(\d+)(?:\.al2)?$/, minimum: [21], words: 'Java 21' },
  { family: 'dotnet', pattern: /^dotnet(?:core)?(\d+)(?:\.(\d+))?$/, minimum: [8], words: '.NET 8' },
];

function atLeast(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < minimum.length; i++) {
    const have = version[i] ?? 0;
    const need = minimum[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

export function runtimeSupport(runtime: string): RuntimeSupport {
  const id = runtime.trim().toLowerCase();
  for (const entry of minimums) {
    const match = entry.pattern.exec(id);
    if (match) {
      const version = match.slice(1).filter((part): part is string => part !== undefined).map(Number);
      return { runtime, family: entry.family, supported: atLeast(version, entry.minimum), minimum: entry.words };
    }
  }
  if (id === 'provided.al2023') return { runtime, family: 'provided', supported: true, minimum: 'provided.al2023' };
  if (id.startsWith('provided')) return { runtime, family: 'provided', supported: false, minimum: 'provided.al2023' };
  // The bench's own names for its runtimes.
  if (isBenchRuntime(id)) return { runtime, family: id, supported: null, minimum: runtimeRegistry[id].lmiMinimum };
  return { runtime, family: 'other', supported: null, minimum: null };
}

function isBenchRuntime(id: string): id is Runtime {
  return Object.hasOwn(runtimeRegistry, id);
}

/** Every runtime family lmi-bench knows is in the registry; nothing else has a documented default. */
const otherFamiliesPerVcpu: Partial<Record<RuntimeFamily, number>> = {};
/**
 * Anything unknown: Python's 16, the smallest default of a managed language runtime, so slots
 * are not overstated (OS-only runtimes' 8 is Rust's figure, not a language floor).
 */
const unknownFamilyPerVcpu = runtimeRegistry.python.maxConcurrencyPerVcpu;

/** Documented default maximum concurrency per vCPU of a runtime family (docs/lmi-facts.md). */
export function maxConcurrencyPerVcpu(family: RuntimeFamily | null): number {
  if (family !== null && isBenchRuntime(family)) return runtimeRegistry[family].maxConcurrencyPerVcpu;
  return (family !== null ? otherFamiliesPerVcpu[family] : undefined) ?? unknownFamilyPerVcpu;
}
