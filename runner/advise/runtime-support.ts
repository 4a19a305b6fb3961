/**
 * LMI's minimum runtime versions (Node.js 22+, Python 3.13+, Java 21+, .NET 8+, and the OS-only
 * runtime provided.al2023; lambda-managed-instances-runtimes) checked against a Lambda runtime
 * identifier such as nodejs20.x. Pure.
 */
export type RuntimeFamily = 'node' | 'python' | 'java' | 'dotnet' | 'provided' | 'other';

export interface RuntimeSupport {
  runtime: string;
  family: RuntimeFamily;
  /** null when the identifier cannot be judged. */
  supported: boolean | null;
  /** The family's LMI minimum in words, e.g. "Node.js 22". */
  minimum: string | null;
}

const minimums: Array<{ family: RuntimeFamily; pattern: RegExp; minimum: number[]; words: string }> = [
  { family: 'node', pattern: /^nodejs(\d+)(?:\.x)?$/, minimum: [22], words: 'Node.js 22' },
  { family: 'python', pattern: /^python(\d+)\.(\d+)$/, minimum: [3, 13], words: 'Python 3.13' },
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
  if (id === 'node') return { runtime, family: 'node', supported: null, minimum: 'Node.js 22' };
  if (id === 'python') return { runtime, family: 'python', supported: null, minimum: 'Python 3.13' };
  if (id === 'java') return { runtime, family: 'java', supported: null, minimum: 'Java 21' };
  if (id === 'dotnet') return { runtime, family: 'dotnet', supported: null, minimum: '.NET 8' };
  if (id === 'provided') return { runtime, family: 'provided', supported: null, minimum: 'provided.al2023' };
  return { runtime, family: 'other', supported: null, minimum: null };
}

/**
 * Documented default maximum concurrency per vCPU (docs/lmi-facts.md): Node.js 64, Java 32,
 * .NET 32, Python 16, Rust on provided.al2023 8. Anything unknown: Python's 16, so slots are
 * not overstated by a guess.
 */
const perVcpu: Record<RuntimeFamily, number> = { node: 64, java: 32, dotnet: 32, python: 16, provided: 8, other: 16 };

export function maxConcurrencyPerVcpu(family: RuntimeFamily | null): number {
  return perVcpu[family ?? 'other'];
}
