import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../domain.ts';
import { editDistance } from '../system/edit-distance.ts';

export interface InstanceShape {
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  architecture: Architecture;
}

const catalogPath = new URL('../../data/ec2-instance-types.json', import.meta.url);
let catalog: Map<string, InstanceShape> | undefined;

export function instanceCatalog(): Map<string, InstanceShape> {
  if (!catalog) {
    const doc = JSON.parse(readFileSync(catalogPath, 'utf8')) as {
      instanceTypes: Record<string, Omit<InstanceShape, 'instanceType'>>;
    };
    catalog = new Map(Object.entries(doc.instanceTypes).map(([instanceType, shape]) => [instanceType, { instanceType, ...shape }]));
  }
  return catalog;
}

/** Names closest to `wanted` (same family first, then edit distance), for "did you mean" lines. */
export function closeMatches(wanted: string, names: Iterable<string>, limit = 3): string[] {
  const scored = [...names].map((name) => ({ name, score: editDistance(wanted.toLowerCase(), name.toLowerCase()) }));
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** The shape of an instance type, or a UsageError naming the closest known types. */
export function instanceShape(instanceType: string): InstanceShape {
  const shape = instanceCatalog().get(instanceType);
  if (!shape) {
    const near = closeMatches(instanceType, instanceCatalog().keys());
    throw new UsageError(`unknown instance type '${instanceType}' (did you mean ${near.join(', ')}?)`);
  }
  return shape;
}

/** The LMI families lmi-bench prices: compute-optimised, general-purpose, memory-optimised. */
export type InstanceFamily = 'c' | 'm' | 'r';

/**
 * The smallest size AWS-authored LMI guidance lists per family (docs/lmi-facts.md, "Instance
 * sizes"): C from .xlarge, M and R from .large. Smaller types stay in the catalog, so a user
 * may still pin or name one; they are only left out of the default choice.
 */
export const minimumVcpusByFamily: Record<InstanceFamily, number> = { c: 4, m: 2, r: 2 };

export function instanceFamily(instanceType: string): InstanceFamily {
  const letter = instanceType[0];
  if (letter === 'c' || letter === 'm' || letter === 'r') return letter;
  throw new UsageError(`instance type '${instanceType}' is not of the c, m or r families LMI is priced on here`);
}

/**
 * The instance types LMI may choose from for an architecture: the catalog's general-purpose
 * (m), compute-optimised (c) and memory-optimised (r) types of that architecture, 6th to 8th
 * generation, from each family's size floor up, smallest first. `narrowTo` (--instance-types)
 * keeps only the named ones, each of which must exist and run that architecture; a named type
 * below the floor is the user's choice and is kept.
 */
export function candidateInstanceTypes(architecture: Architecture, narrowTo?: readonly string[]): string[] {
  const all = [...instanceCatalog().values()].filter((s) => s.architecture === architecture).sort((a, b) => a.vcpus - b.vcpus || a.instanceType.localeCompare(b.instanceType));
  if (narrowTo === undefined) return all.filter((s) => s.vcpus >= minimumVcpusByFamily[instanceFamily(s.instanceType)]).map((s) => s.instanceType);
  const wanted = new Set<string>();
  for (const name of narrowTo) {
    const shape = instanceShape(name);
    if (shape.architecture !== architecture) throw new UsageError(`instance type ${name} is ${shape.architecture}, not ${architecture}: a capacity provider runs one architecture`);
    wanted.add(name);
  }
  return all.filter((s) => wanted.has(s.instanceType)).map((s) => s.instanceType);
}
